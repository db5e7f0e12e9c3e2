package city.alpr.query.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The law-enforcement requests ({@code law_enforcement_request}, owned by this feature). */
@ApplicationScoped
public class AccessRequestStore {

    private static final String COLUMNS = """
            id, case_number, purpose, justification, requested_by, agency, requested_at, approved, decided_by,
            decided_at, expires_at""";
    private static final int LISTED = 500;

    Uni<AccessRequest> file(SqlClient client, UUID id, NewRequest request, String requestedBy, String agency) {
        return client.preparedQuery("""
                insert into law_enforcement_request (id, case_number, purpose, justification, requested_by, agency)
                values ($1, $2, $3, $4, $5, $6) returning\s""" + COLUMNS)
                .execute(Tuple.of(id, request.caseNumber(), request.purpose(), request.justification(), requestedBy,
                        agency))
                .map(rows -> from(rows.iterator().next()));
    }

    /** Newest first; only those awaiting a decision if {@code pending}, only one officer's if {@code requestedBy}. */
    Uni<List<AccessRequest>> list(SqlClient client, boolean pending, String requestedBy) {
        return client.preparedQuery("select " + COLUMNS + """
                 from law_enforcement_request
                where ($1 = false or decided_at is null) and ($2::text is null or requested_by = $2)
                order by requested_at desc limit $3""")
                .execute(Tuple.of(pending, requestedBy, LISTED))
                .map(AccessRequestStore::all);
    }

    /** The request decided now, or empty if there is none undecided with this id. */
    Uni<Optional<AccessRequest>> decide(SqlClient client, UUID id, boolean approved, String decidedBy, int validDays) {
        return client.preparedQuery("""
                update law_enforcement_request
                   set approved = $2, decided_by = $3, decided_at = now(),
                       expires_at = case when $2 then now() + make_interval(days => $4) end
                 where id = $1 and decided_at is null
                returning\s""" + COLUMNS)
                .execute(Tuple.of(id, approved, decidedBy, validDays))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(from(rows.iterator().next())) : Optional.empty());
    }

    Uni<Boolean> exists(SqlClient client, UUID id) {
        return client.preparedQuery("select 1 from law_enforcement_request where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    private static List<AccessRequest> all(RowSet<Row> rows) {
        List<AccessRequest> requests = new ArrayList<>();
        rows.forEach(row -> requests.add(from(row)));
        return requests;
    }

    private static AccessRequest from(Row row) {
        return new AccessRequest(row.getUUID("id"), row.getString("case_number"), row.getString("purpose"),
                row.getString("justification"), row.getString("requested_by"), row.getString("agency"),
                row.getOffsetDateTime("requested_at"), row.getBoolean("approved"), row.getString("decided_by"),
                row.getOffsetDateTime("decided_at"), row.getOffsetDateTime("expires_at"));
    }
}
