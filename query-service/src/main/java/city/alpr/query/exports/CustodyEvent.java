package city.alpr.query.exports;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One link of an evidence package's chain of custody (R13). */
public record CustodyEvent(int seq, String event, String actor, String agency, String detail,
        @Schema(description = "Who holds the package after this event; absent once it left for someone outside") String holder,
        OffsetDateTime occurredAt) {
}
