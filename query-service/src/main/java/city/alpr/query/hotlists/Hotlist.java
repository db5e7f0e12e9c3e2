package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A hotlist and how many of its entries currently match reads. */
public record Hotlist(UUID id, String name, HotlistKind kind, String createdBy, OffsetDateTime createdAt,
        long activeEntries) {
}
