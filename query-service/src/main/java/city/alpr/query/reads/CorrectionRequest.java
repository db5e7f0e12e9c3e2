package city.alpr.query.reads;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A correction of a misread plate (R22). Purpose and case number are judged by the policy. */
@Schema(description = "Corrects the plate or region of a read; the original stays")
public record CorrectionRequest(String purpose, String caseNumber,
        @Schema(examples = "7ABC128") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 .-]{0,11}",
                message = "must be 1-12 letters, digits, spaces, dots or hyphens") String plate,
        @Schema(examples = "CA") @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                message = "must be a region code such as CA or US-CA") String region,
        @Schema(description = "What was wrong and how it was checked", examples = "Overview image shows 8, not 3")
        @NotBlank @Size(max = 500) String reason) {
}
