package city.alpr.query.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only: the caller's standing for one access, from tables other features own. {@code training_record} and
 * {@code contractor_grant} belong to audit-service (governance); {@code law_enforcement_request} and
 * {@code supervisor_approval} to this service's requests and approvals features. Read in the access's own transaction.
 */
@ApplicationScoped
public class StandingStore {

    private static final String STANDING = """
            select exists(select 1 from training_record
                          where username = $1 and completed_at <= now() and expires_at > now()) as trained,
                   exists(select 1 from contractor_grant
                          where username = $1 and case_number = $2 and revoked_at is null
                            and starts_at <= now() and ends_at > now()) as granted,
                   exists(select 1 from law_enforcement_request
                          where requested_by = $1 and case_number = $2 and purpose = $3
                            and approved and expires_at > now()) as requested,
                   exists(select 1 from supervisor_approval
                          where officer = $1 and case_number = $2 and purpose = $3
                            and revoked_at is null and expires_at > now()) as supervised""";

    /** What the person holds now for this case and purpose. */
    public record Standing(boolean trained, boolean granted, boolean requested, boolean supervised) {
    }

    public Uni<Standing> of(SqlClient client, String username, String caseNumber, String purpose) {
        return client.preparedQuery(STANDING).execute(Tuple.of(username, caseNumber, purpose))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Standing(row.getBoolean("trained"), row.getBoolean("granted"),
                            row.getBoolean("requested"), row.getBoolean("supervised"));
                });
    }
}
