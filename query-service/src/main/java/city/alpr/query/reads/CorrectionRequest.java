package city.alpr.query.reads;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.plates.PlateText;

/** A correction of a misread plate (R22). Purpose and case number are judged by the policy. */
@Schema(description = "Corrects the plate or region of a read; the original stays")
public record CorrectionRequest(String purpose, String caseNumber,
        @Schema(description = "The hotlist alert answered, for a purpose that answers one") UUID alertId,
        @Schema(examples = "7ABC128") @NotBlank @Pattern(regexp = PlateText.PLATE_FORMAT, message = PlateText.PLATE_MESSAGE) String plate,
        @Schema(examples = "CA") @Pattern(regexp = PlateText.REGION_FORMAT, message = PlateText.REGION_MESSAGE) String region,
        @Schema(description = "What was wrong and how it was checked", examples = "Overview image shows 8, not 3") @NotBlank @Size(max = 500) String reason) {
}
