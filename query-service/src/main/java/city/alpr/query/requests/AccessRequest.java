package city.alpr.query.requests;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** A law-enforcement request and its decision. */
public record AccessRequest(UUID id, String caseNumber, String purpose, String justification, String requestedBy,
        String agency, OffsetDateTime requestedAt, Boolean approved, String decidedBy, OffsetDateTime decidedAt,
        OffsetDateTime expiresAt) {

    static final String COLUMNS = """
            id, case_number, purpose, justification, requested_by, agency, requested_at, approved, decided_by,
            decided_at, expires_at""";

    static AccessRequest from(Row row) {
        return new AccessRequest(row.getUUID("id"), row.getString("case_number"), row.getString("purpose"),
                row.getString("justification"), row.getString("requested_by"), row.getString("agency"),
                row.getOffsetDateTime("requested_at"), row.getBoolean("approved"), row.getString("decided_by"),
                row.getOffsetDateTime("decided_at"), row.getOffsetDateTime("expires_at"));
    }
}
