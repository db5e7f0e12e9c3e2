package city.alpr.query.hotlists;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A plate to watch for (R6). It stops matching at {@code expiresAt} or when removed. */
@Schema(description = "A hotlist entry")
public record NewEntry(
        @Schema(examples = "7ABC123") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 .-]{0,11}",
                message = "must be 1-12 letters, digits, spaces, dots or hyphens") String plate,
        @Schema(examples = "CA") @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                message = "must be a region code such as CA or US-CA") String region,
        @Schema(description = "Where the entry comes from", examples = "NCIC") @NotBlank @Size(max = 80) String source,
        @Schema(examples = "Reported stolen 2026-11-20") @NotBlank @Size(max = 500) String reason,
        @Schema(examples = "RSO-2026-00412") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_./-]{2,39}",
                message = "must be 3-40 letters, digits or _ . / -") String caseNumber,
        @Schema(description = "The officer or unit answerable for the entry", examples = "Det. Ortiz")
        @NotBlank @Size(max = 80) String owner,
        @Schema(description = "When the entry stops matching") @NotNull @Future OffsetDateTime expiresAt) {
}
