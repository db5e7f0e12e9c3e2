package city.alpr.query.approvals;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A supervisor's approval of one officer's access for one case and purpose, and its revocation if revoked. */
public record SupervisorApproval(UUID id, String officer, String caseNumber, String purpose, String justification,
        String approvedBy, String agency, OffsetDateTime approvedAt, OffsetDateTime expiresAt, String revokedBy,
        OffsetDateTime revokedAt) {
}
