package city.alpr.audit.breaches;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A security incident the custodian records (R24, CS3 §11). */
@Schema(description = "A breach incident to record")
public record NewIncident(
        @Schema(examples = "Gateway credentials exposed") @NotBlank @Size(max = 200) String title,
        @Schema(examples = "A camera gateway's client secret was published in a vendor's support ticket.") @NotBlank @Size(max = 10_000) String description,
        @NotNull Instant discoveredAt,
        Instant occurredFrom,
        Instant occurredTo,
        @Schema(description = "Kinds of data involved", examples = "[\"plate-reads\", \"images\"]") @NotEmpty @Size(max = 20) List<@NotBlank @Pattern(regexp = "[a-z][a-z-]{1,39}", message = "must be a kind of data such as plate-reads or images") String> dataKinds,
        @Min(0) Integer affectedCount) {
}
