package city.alpr.audit.breaches;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A breach incident with its notice and notifications, and what is still owed: a posted notice, the media and the
 * state Office of Information Security (Civil Code 1798.82(j)).
 */
@Schema(description = "A breach incident, its public notice and the notifications made")
public record Incident(UUID id, String title, String description, Instant discoveredAt, Instant occurredFrom,
        Instant occurredTo, List<String> dataKinds, Integer affectedCount, String recordedBy, Instant recordedAt,
        String noticeTitle, String noticeBody, Instant noticePostedAt, Instant noticeMayBeWithdrawnAt,
        Instant noticeWithdrawnAt, List<Notification> notifications, List<String> outstanding) {

    static final String COLUMNS = """
            id, title, description, discovered_at, occurred_from, occurred_to, data_kinds, affected_count, recorded_by,
            recorded_at, notice_title, notice_body, notice_posted_at, notice_withdrawn_at""";

    static Incident from(Row row, List<Notification> notifications) {
        Instant posted = instant(row.getOffsetDateTime("notice_posted_at"));
        List<String> outstanding = new ArrayList<>();
        if (posted == null) {
            outstanding.add("public-notice");
        }
        for (String recipient : List.of("media", "state-office-of-information-security")) {
            if (notifications.stream().noneMatch(made -> made.recipient().equals(recipient))) {
                outstanding.add(recipient);
            }
        }
        return new Incident(row.getUUID("id"), row.getString("title"), row.getString("description"),
                instant(row.getOffsetDateTime("discovered_at")), instant(row.getOffsetDateTime("occurred_from")),
                instant(row.getOffsetDateTime("occurred_to")), List.of(row.getArrayOfStrings("data_kinds")),
                row.getInteger("affected_count"), row.getString("recorded_by"), instant(row.getOffsetDateTime("recorded_at")),
                row.getString("notice_title"), row.getString("notice_body"), posted,
                posted == null ? null : posted.plus(BreachResource.MINIMUM_POSTING),
                instant(row.getOffsetDateTime("notice_withdrawn_at")), notifications, outstanding);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** A notification made. */
    @Schema(description = "A notification made about a breach")
    public record Notification(UUID id, String recipient, String recipientName, Instant notifiedAt, String method,
            String reference, String recordedBy) {

        static final String COLUMNS = "id, incident_id, recipient, recipient_name, notified_at, method, reference, recorded_by";

        static Notification from(Row row) {
            return new Notification(row.getUUID("id"), row.getString("recipient"), row.getString("recipient_name"),
                    row.getOffsetDateTime("notified_at").toInstant(), row.getString("method"), row.getString("reference"),
                    row.getString("recorded_by"));
        }
    }
}
