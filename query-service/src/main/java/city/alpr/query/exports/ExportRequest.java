package city.alpr.query.exports;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reads to package as evidence (R12). Purpose and case number are judged by the policy and the export rule. */
@Schema(description = "An evidence export of chosen reads")
public record ExportRequest(
        @Schema(examples = "criminal-investigation") String purpose,
        @Schema(examples = "RSO-2026-00412") String caseNumber,
        @Schema(description = "The hotlist alert answered, for a purpose that answers one; the export then holds "
                + "only its read") UUID alertId,
        @Schema(description = "The reads to export; there is no bulk export") @NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> readIds) {
}
