package city.alpr.query.hotlists;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.plates.PlateText;
import city.alpr.common.policy.PolicyConfig;

/** A plate to watch for (R6). It stops matching at {@code expiresAt} or when removed. */
@Schema(description = "A hotlist entry")
public record NewEntry(
        @Schema(examples = "7ABC123") @NotBlank @Pattern(regexp = PlateText.PLATE_FORMAT, message = PlateText.PLATE_MESSAGE) String plate,
        @Schema(examples = "CA") @Pattern(regexp = PlateText.REGION_FORMAT, message = PlateText.REGION_MESSAGE) String region,
        @Schema(description = "Where the entry comes from", examples = "NCIC") @NotBlank @Size(max = 80) String source,
        @Schema(examples = "Reported stolen 2026-11-20") @NotBlank @Size(max = 500) String reason,
        @Schema(examples = "RSO-2026-00412") @Pattern(regexp = PolicyConfig.CASE_NUMBER_FORMAT, message = PolicyConfig.CASE_NUMBER_MESSAGE) String caseNumber,
        @Schema(description = "The officer or unit answerable for the entry", examples = "Det. Ortiz")
        @NotBlank @Size(max = 80) String owner,
        @Schema(description = "When the entry stops matching") @NotNull @Future OffsetDateTime expiresAt) {
}
