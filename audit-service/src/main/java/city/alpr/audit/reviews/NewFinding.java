package city.alpr.audit.reviews;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the reviewer found, about the run as a whole or about one access-log record of its period. */
@Schema(description = "A reviewer's finding")
public record NewFinding(
        @Schema(description = "The access-log record it concerns, if one") @Min(1) Long seq,
        @Schema(enumeration = {
                "observation", "concern",
                "violation" }) @NotBlank @Pattern(regexp = "observation|concern|violation", message = "must be observation, concern or violation") String severity,
        @Schema(examples = "Case number N/A: the officer was reminded that every search needs its case.") @NotBlank @Size(max = 5000) String finding){
}
