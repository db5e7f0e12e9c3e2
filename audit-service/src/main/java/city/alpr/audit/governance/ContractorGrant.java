package city.alpr.audit.governance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** The custodian's written, time-limited permission for the contractor to help with one case (R8, CS3 §3). */
@Schema(description = "A written grant letting the contractor access data for one case, between two times")
public record ContractorGrant(UUID id, String username, String caseNumber, String documentReference, Instant startsAt,
        Instant endsAt, String grantedBy, Instant grantedAt, String revokedBy, Instant revokedAt, boolean active) {

    static final String COLUMNS = """
            id, username, case_number, document_reference, starts_at, ends_at, granted_by, granted_at, revoked_by,
            revoked_at, (revoked_at is null and starts_at <= now() and ends_at > now()) as active""";

    static ContractorGrant from(Row row) {
        OffsetDateTime revokedAt = row.getOffsetDateTime("revoked_at");
        return new ContractorGrant(row.getUUID("id"), row.getString("username"), row.getString("case_number"),
                row.getString("document_reference"), row.getOffsetDateTime("starts_at").toInstant(),
                row.getOffsetDateTime("ends_at").toInstant(), row.getString("granted_by"),
                row.getOffsetDateTime("granted_at").toInstant(), row.getString("revoked_by"),
                revokedAt == null ? null : revokedAt.toInstant(), row.getBoolean("active"));
    }
}
