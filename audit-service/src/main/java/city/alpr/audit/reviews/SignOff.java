package city.alpr.audit.reviews;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The reviewer's conclusion, which closes the run. */
@Schema(description = "The sign-off of an audit run")
public record SignOff(
        @Schema(examples = "Reviewed 25 sampled searches and all flags; one concern recorded and followed up.") @NotBlank @Size(max = 5000) String conclusion) {
}
