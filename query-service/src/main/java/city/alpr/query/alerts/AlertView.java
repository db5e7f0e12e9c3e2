package city.alpr.query.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A hotlist hit as officers see it: which entry matched which read, where and when, and its disposition. */
@Schema(description = "A hotlist alert")
public record AlertView(UUID id, UUID readId, OffsetDateTime capturedAt, String cameraId, String site,
        UUID hotlistId, String hotlist, String kind, UUID entryId,
        @Schema(description = "The plate of the hotlist entry that matched") String plate,
        String reason, String caseNumber, String owner,
        @Schema(description = "False when the read matched only in look-alike form (O/0, I/1, B/8...)") boolean exactMatch,
        OffsetDateTime raisedAt, String disposition, String disposedBy, OffsetDateTime disposedAt, String note) {

    static final String SELECT = """
            select a.id, a.read_id, a.captured_at, a.camera_id, c.site, a.hotlist_id, h.name as hotlist, h.kind,
                   a.entry_id, e.plate, e.reason, e.case_number, e.owner, a.exact_match, a.raised_at,
                   a.disposition, a.disposed_by, a.disposed_at, a.disposition_note
            from hotlist_alert a
            join hotlist h on h.id = a.hotlist_id
            join hotlist_entry e on e.id = a.entry_id
            left join camera c on c.id = a.camera_id""";

    static AlertView from(Row row) {
        return new AlertView(row.getUUID("id"), row.getUUID("read_id"), row.getOffsetDateTime("captured_at"),
                row.getString("camera_id"), row.getString("site"), row.getUUID("hotlist_id"), row.getString("hotlist"),
                row.getString("kind"), row.getUUID("entry_id"), row.getString("plate"), row.getString("reason"),
                row.getString("case_number"), row.getString("owner"), row.getBoolean("exact_match"),
                row.getOffsetDateTime("raised_at"), row.getString("disposition"), row.getString("disposed_by"),
                row.getOffsetDateTime("disposed_at"), row.getString("disposition_note"));
    }
}
