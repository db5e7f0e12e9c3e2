package city.alpr.query.requests;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The custodian's decision on a request; an approval lasts {@code validDays}. */
@Schema(description = "The custodian's decision on a law-enforcement request")
public record Decision(@NotNull Boolean approved,
        @Schema(description = "Days the approval lasts; default 30") @Min(1) @Max(90) Integer validDays) {
}
