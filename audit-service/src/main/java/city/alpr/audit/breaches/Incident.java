package city.alpr.audit.breaches;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A breach incident with its notice and notifications, and what is still owed: a posted notice, the media and the
 * state Office of Information Security (Civil Code 1798.82(j)).
 */
@Schema(description = "A breach incident, its public notice and the notifications made")
public record Incident(UUID id, String title, String description, Instant discoveredAt, Instant occurredFrom,
        Instant occurredTo, List<String> dataKinds, Integer affectedCount, String recordedBy, Instant recordedAt,
        String noticeTitle, String noticeBody, Instant noticePostedAt, Instant noticeMayBeWithdrawnAt,
        Instant noticeWithdrawnAt, List<Notification> notifications, List<String> outstanding) {

    /** A notification made. */
    @Schema(description = "A notification made about a breach")
    public record Notification(UUID id, String recipient, String recipientName, Instant notifiedAt, String method,
            String reference, String recordedBy) {
    }
}
