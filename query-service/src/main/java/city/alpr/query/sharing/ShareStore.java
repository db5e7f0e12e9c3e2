package city.alpr.query.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The shares ({@code data_share}, owned by this feature), and read-only the registered agencies they go to
 * ({@code agency}, which audit-service's governance keeps).
 */
@ApplicationScoped
public class ShareStore {

    private static final String SHARE = """
            select s.id, s.agency_id, a.name, s.purpose, s.case_number, s.read_count, s.shared_by, s.shared_at,
                   s.ownership_transferred, s.export_id
            from data_share s join agency a on a.id = s.agency_id""";

    /** A registered agency, as far as sharing with it is concerned. */
    record Agency(String id, String name, String state, String level, boolean active) {
    }

    Uni<Optional<Agency>> agency(SqlClient client, String id) {
        return client.preparedQuery("select id, name, state, level, active from agency where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Agency(row.getString("id"), row.getString("name"), row.getString("state"),
                            row.getString("level"), row.getBoolean("active")));
                });
    }

    /** Records a share whose package the recipient becomes the owner of. */
    Uni<Void> record(SqlClient client, UUID id, ShareRequest request, UUID exportId, String sharedBy) {
        return client.preparedQuery("""
                insert into data_share (id, agency_id, purpose, case_number, export_id, read_count, shared_by,
                                        ownership_transferred)
                values ($1, $2, $3, $4, $5, $6, $7, true)""")
                .execute(Tuple.tuple().addValue(id).addString(request.agencyId()).addString(request.purpose())
                        .addString(request.caseNumber()).addValue(exportId).addInteger(request.readIds().size())
                        .addString(sharedBy))
                .replaceWithVoid();
    }

    Uni<Optional<Share>> find(SqlClient client, UUID id) {
        return client.preparedQuery(SHARE + " where s.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(share(rows.iterator().next())) : Optional.empty());
    }

    /** Every share, newest first. */
    Uni<List<Share>> list(SqlClient client) {
        return client.query(SHARE + " order by s.shared_at desc").execute().map(rows -> {
            List<Share> shares = new ArrayList<>();
            rows.forEach(row -> shares.add(share(row)));
            return shares;
        });
    }

    private static Share share(Row row) {
        return new Share(row.getUUID("id"), row.getString("agency_id"), row.getString("name"), row.getString("purpose"),
                row.getString("case_number"), row.getInteger("read_count"), row.getString("shared_by"),
                row.getOffsetDateTime("shared_at"), row.getBoolean("ownership_transferred"), row.getUUID("export_id"));
    }
}
