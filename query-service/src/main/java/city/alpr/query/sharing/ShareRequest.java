package city.alpr.query.sharing;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The custodian shares chosen reads with a registered agency for one case (R14); there is no bulk share (R15). */
@Schema(description = "A share of chosen reads with a registered agency")
public record ShareRequest(
        @Schema(description = "A registered law-enforcement or prosecutorial agency", examples = "riverside-da") @NotBlank @Size(max = 64) String agencyId,
        @Schema(examples = "prosecution") String purpose,
        @Schema(examples = "RSO-2026-00412") String caseNumber,
        @Schema(description = "The hotlist alert answered, for a purpose that answers one") UUID alertId,
        @NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> readIds) {
}
