package city.alpr.query.approvals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Supervisors' approvals ({@code supervisor_approval}, owned by this feature). */
@ApplicationScoped
public class ApprovalStore {

    private static final String COLUMNS = """
            id, officer, case_number, purpose, justification, approved_by, agency, approved_at, expires_at, revoked_by,
            revoked_at""";
    private static final int LISTED = 500;

    Uni<SupervisorApproval> approve(SqlClient client, UUID id, NewApproval approval, String officer, int validHours,
            String approvedBy, String agency) {
        return client.preparedQuery("""
                insert into supervisor_approval
                    (id, officer, case_number, purpose, justification, approved_by, agency, expires_at)
                values ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $8)) returning\s""" + COLUMNS)
                .execute(Tuple.from(List.of(id, officer, approval.caseNumber(), approval.purpose(),
                        approval.justification(), approvedBy, agency, validHours)))
                .map(rows -> from(rows.iterator().next()));
    }

    /**
     * Newest first; only those neither expired nor revoked if {@code current}; only those naming or given by one
     * person if {@code involving}.
     */
    Uni<List<SupervisorApproval>> list(SqlClient client, boolean current, String involving) {
        return client.preparedQuery("select " + COLUMNS + """
                 from supervisor_approval
                where ($1 = false or (revoked_at is null and expires_at > now()))
                  and ($2::text is null or officer = $2 or approved_by = $2)
                order by approved_at desc limit $3""")
                .execute(Tuple.of(current, involving, LISTED))
                .map(ApprovalStore::all);
    }

    /** The approval, locked until the transaction ends, so that two revocations cannot both find it unrevoked. */
    Uni<Optional<SupervisorApproval>> lock(SqlClient client, UUID id) {
        return client.preparedQuery("select " + COLUMNS + " from supervisor_approval where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(from(rows.iterator().next())) : Optional.empty());
    }

    /**
     * Revokes the approval, and every other unrevoked one of the same officer, case and purpose, so that no second
     * approval keeps open what the supervisor meant to close; answers them all, the one named first.
     */
    Uni<List<SupervisorApproval>> revoke(SqlClient client, SupervisorApproval approval, String revokedBy) {
        return client.preparedQuery("""
                update supervisor_approval set revoked_by = $5, revoked_at = now()
                 where revoked_at is null
                   and (id = $1 or (officer = $2 and case_number = $3 and purpose = $4))
                returning\s""" + COLUMNS)
                .execute(Tuple.of(approval.id(), approval.officer(), approval.caseNumber(), approval.purpose(), revokedBy))
                .map(rows -> all(rows).stream()
                        .sorted(Comparator.comparing(revoked -> !revoked.id().equals(approval.id())))
                        .toList());
    }

    private static List<SupervisorApproval> all(RowSet<Row> rows) {
        List<SupervisorApproval> approvals = new ArrayList<>();
        rows.forEach(row -> approvals.add(from(row)));
        return approvals;
    }

    private static SupervisorApproval from(Row row) {
        return new SupervisorApproval(row.getUUID("id"), row.getString("officer"), row.getString("case_number"),
                row.getString("purpose"), row.getString("justification"), row.getString("approved_by"),
                row.getString("agency"), row.getOffsetDateTime("approved_at"), row.getOffsetDateTime("expires_at"),
                row.getString("revoked_by"), row.getOffsetDateTime("revoked_at"));
    }
}
