package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hotlist entry as kept; the plate is stored sealed and shown here opened. */
public record Entry(UUID id, UUID hotlistId, String plate, String region, String source, String reason,
        String purpose, String caseNumber,
        @Schema(description = "The person who added the entry: they receive its alerts and may remove it") String owner,
        OffsetDateTime expiresAt, String createdBy, OffsetDateTime createdAt,
        @Schema(description = "A feed entry's NCIC record type (stolen-vehicle, stolen-plate, felony-vehicle, wanted-person, amber-alert, missing-person...); absent for entries people add") String recordType) {
}
