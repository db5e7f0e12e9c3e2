package city.alpr.query.search;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.hotlists.EntryPlates;
import city.alpr.query.hotlists.HotlistKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An active hotlist entry as a search of its plate's prior reads needs it, read from the hotlists feature's tables
 * ({@code hotlist_entry}, {@code hotlist}), which this feature only reads.
 */
@ApplicationScoped
class WatchedEntryStore {

    /** The plate (opened), why and for which case it is watched, by whom, and its hotlist's kind. */
    record WatchedEntry(String plate, String purpose, String caseNumber, String owner, HotlistKind kind) {
    }

    private final EntryPlates plates;

    WatchedEntryStore(EntryPlates plates) {
        this.plates = plates;
    }

    Uni<Optional<WatchedEntry>> active(SqlClient client, UUID hotlistId, UUID entryId) {
        return client.preparedQuery("""
                select e.sealed_plate, e.purpose, e.case_number, e.owner, h.kind
                  from hotlist_entry e join hotlist h on h.id = e.hotlist_id
                 where e.id = $1 and e.hotlist_id = $2 and e.removed_at is null and e.expires_at > now()""")
                .execute(Tuple.of(entryId, hotlistId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    var row = rows.iterator().next();
                    return Optional.of(new WatchedEntry(plates.open(entryId, row.getBuffer("sealed_plate").getBytes()),
                            row.getString("purpose"), row.getString("case_number"), row.getString("owner"),
                            HotlistKind.ofColumn(row.getString("kind"))));
                });
    }
}
