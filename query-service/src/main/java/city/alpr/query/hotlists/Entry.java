package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Entry(UUID id, UUID hotlistId, String plate, String region, String source, String reason,
        String caseNumber, String owner, OffsetDateTime expiresAt, String createdBy, OffsetDateTime createdAt) {
}
