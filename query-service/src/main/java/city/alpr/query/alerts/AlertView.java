package city.alpr.query.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A hotlist hit as the people who receive it see it: which entry matched which read, where (the site sealed with
 * the read) and when, why the plate is watched, and its disposition.
 */
@Schema(description = "A hotlist alert")
public record AlertView(UUID id, UUID readId, OffsetDateTime capturedAt, String cameraId,
        @Schema(description = "The camera's site when the read was taken") String site,
        UUID hotlistId, String hotlist, String kind, UUID entryId,
        @Schema(description = "The plate of the hotlist entry that matched") String plate,
        String reason, String purpose, String caseNumber,
        @Schema(description = "A feed entry's NCIC record type (stolen-vehicle, wanted-person, amber-alert...)") String recordType,
        @Schema(description = "Who watches the plate: the officer who added the entry") String owner,
        @Schema(description = "What matched the entry: the read's best plate (plate), its look-alike form (look-alike: O/0, I/1, B/8...), or one of the engine's other readings of the plate (candidate): look at the image before acting on anything but plate", enumeration = {
                "plate", "look-alike", "candidate" }) String matchKind,
        OffsetDateTime raisedAt, String disposition, String disposedBy, OffsetDateTime disposedAt, String note){
}
