package city.alpr.query.requests;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A law-enforcement request and its decision. */
public record AccessRequest(UUID id, String caseNumber, String purpose, String justification, String requestedBy,
        String agency, OffsetDateTime requestedAt, Boolean approved, String decidedBy, OffsetDateTime decidedAt,
        OffsetDateTime expiresAt) {
}
