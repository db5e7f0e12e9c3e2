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

/**
 * A plate a person watches for (R6, R29): why (a purpose of the policy) and for which case, until when (within the
 * policy's bound). It stops matching at {@code expiresAt} or when removed; its alerts reach the person who added it
 * and the policy's alert roles.
 */
@Schema(description = "A hotlist entry")
public record NewEntry(
        @Schema(examples = "7ABC123") @NotBlank @Pattern(regexp = PlateText.PLATE_FORMAT, message = PlateText.PLATE_MESSAGE) String plate,
        @Schema(examples = "CA") @Pattern(regexp = PlateText.REGION_FORMAT, message = PlateText.REGION_MESSAGE) String region,
        @Schema(description = "Where the entry comes from", examples = "NCIC") @NotBlank @Size(max = 80) String source,
        @Schema(examples = "Reported stolen 2026-11-20") @NotBlank @Size(max = 500) String reason,
        @Schema(description = "Why the plate is watched: a purpose of the policy in force", examples = "criminal-investigation") @NotBlank String purpose,
        @Schema(description = "The case the plate is watched for", examples = "RSO-2026-00412") @NotBlank @Pattern(regexp = PolicyConfig.CASE_NUMBER_FORMAT, message = PolicyConfig.CASE_NUMBER_MESSAGE) String caseNumber,
        @Schema(description = "When the entry stops matching; at most the policy's hotlist-entry-max-days ahead") @NotNull @Future OffsetDateTime expiresAt) {
}
