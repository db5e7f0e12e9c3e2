package city.alpr.query.exports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The hand-over of a downloaded package to someone else, for the chain of custody. */
@Schema(description = "A transfer of an evidence package")
public record TransferRequest(
        @Schema(examples = "Riverside County District Attorney, evidence unit") @NotBlank @Size(max = 200) String recipient,
        @Schema(description = "When the package goes to a person of this system: their username; they then hold it "
                + "and record its next hand-over", examples = "detective") @Pattern(regexp = "[A-Za-z0-9._@-]{1,80}", message = "must be a username") String recipientUsername,
        @Schema(examples = "Handed over on encrypted USB, receipt 4471") @Size(max = 500) String note) {
}
