package city.alpr.query.exports;

import java.time.OffsetDateTime;

/** One link of an evidence package's chain of custody (R13). */
public record CustodyEvent(int seq, String event, String actor, String agency, String detail,
        OffsetDateTime occurredAt) {
}
