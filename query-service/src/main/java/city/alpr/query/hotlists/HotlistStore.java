package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tables {@code hotlist} and {@code hotlist_entry} (query-service owns both; ingest reads the entries). */
@ApplicationScoped
class HotlistStore {

    private static final String ENTRY_COLUMNS = """
            id, hotlist_id, sealed_plate, region, source, reason, purpose, case_number, owner, expires_at, created_by,
            created_at, record_type""";

    private final EntryPlates plates;

    HotlistStore(EntryPlates plates) {
        this.plates = plates;
    }

    /** Every hotlist, with the number of its active entries this person may see (as {@link #activeEntries}). */
    Uni<List<Hotlist>> lists(SqlClient client, String username, boolean seesEvery) {
        return client.preparedQuery("""
                select h.id, h.name, h.kind, h.created_by, h.created_at,
                       count(e.id) filter (where e.removed_at is null and e.expires_at > now()
                                             and ($2 or e.owner = $1)) as active
                from hotlist h left join hotlist_entry e on e.hotlist_id = h.id
                group by h.id order by h.name""").execute(Tuple.of(username, seesEvery)).map(rows -> {
            List<Hotlist> lists = new ArrayList<>();
            for (Row row : rows) {
                lists.add(new Hotlist(row.getUUID("id"), row.getString("name"),
                        HotlistKind.ofColumn(row.getString("kind")), row.getString("created_by"),
                        row.getOffsetDateTime("created_at"), row.getLong("active")));
            }
            return lists;
        });
    }

    Uni<OffsetDateTime> create(SqlClient client, UUID id, NewHotlist hotlist, String createdBy) {
        return client.preparedQuery(
                "insert into hotlist (id, name, kind, created_by) values ($1, $2, $3, $4) returning created_at")
                .execute(Tuple.of(id, hotlist.name(), hotlist.kind().column(), createdBy))
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** Whether a hotlist feed fills the hotlist: its entries are the feed's file's, no one else's. */
    Uni<Boolean> filledByFeed(SqlClient client, UUID hotlistId) {
        return client.preparedQuery("select 1 from hotlist_feed where hotlist_id = $1").execute(Tuple.of(hotlistId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** The hotlist's kind, if it exists. */
    Uni<Optional<HotlistKind>> kind(SqlClient client, UUID hotlistId) {
        return client.preparedQuery("select kind from hotlist where id = $1").execute(Tuple.of(hotlistId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(HotlistKind.ofColumn(rows.iterator().next().getString(0)))
                        : Optional.empty());
    }

    /**
     * The active entries of a hotlist that this person may see: all of them for the custodian and the holders of the
     * policy's alert roles (who receive their alerts), otherwise the ones the person added.
     */
    Uni<List<Entry>> activeEntries(SqlClient client, UUID hotlistId, String username, boolean seesEvery) {
        return client.preparedQuery("select " + ENTRY_COLUMNS + """
                 from hotlist_entry
                where hotlist_id = $1 and removed_at is null and expires_at > now() and ($3 or owner = $2)
                order by created_at""").execute(Tuple.of(hotlistId, username, seesEvery)).map(this::entries);
    }

    /** Adds the entries, sealed, owned by the person adding them. */
    Uni<List<Entry>> insert(SqlClient client, UUID hotlistId, List<NewEntry> entries, String owner) {
        int n = entries.size();
        EntryPlates.SealedBatch sealed = plates.sealNew(entries.stream().map(NewEntry::plate).toList());
        String[] regions = new String[n];
        String[] sources = new String[n];
        String[] reasons = new String[n];
        String[] purposes = new String[n];
        String[] cases = new String[n];
        OffsetDateTime[] expiries = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewEntry entry = entries.get(i);
            regions[i] = entry.region();
            sources[i] = entry.source();
            reasons[i] = entry.reason();
            purposes[i] = entry.purpose();
            cases[i] = entry.caseNumber();
            expiries[i] = entry.expiresAt();
        }
        return client.preparedQuery("""
                insert into hotlist_entry (id, hotlist_id, sealed_plate, plate_index, plate_lookalike_index, region,
                                           source, reason, purpose, case_number, owner, expires_at, created_by)
                select e.id, $1, e.sealed_plate, e.plate_index, e.lookalike_index, e.region, e.source, e.reason,
                       e.purpose, e.case_number, $2, e.expires_at, $2
                from unnest($3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[], $7::text[], $8::text[], $9::text[],
                            $10::text[], $11::text[], $12::timestamptz[])
                     as e (id, sealed_plate, plate_index, lookalike_index, region, source, reason, purpose, case_number,
                           expires_at)
                returning\s""" + ENTRY_COLUMNS)
                .execute(Tuple.tuple().addValue(hotlistId).addString(owner).addValue(sealed.ids()).addValue(sealed.plates())
                        .addValue(sealed.plateIndexes()).addValue(sealed.lookAlikeIndexes()).addValue(regions).addValue(sources)
                        .addValue(reasons).addValue(purposes).addValue(cases).addValue(expiries))
                .map(this::entries);
    }

    /** The owner of an active entry of the hotlist, if there is one. */
    Uni<Optional<String>> activeEntryOwner(SqlClient client, UUID hotlistId, UUID entryId) {
        return client.preparedQuery("""
                select owner from hotlist_entry where id = $1 and hotlist_id = $2 and removed_at is null""")
                .execute(Tuple.of(entryId, hotlistId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }

    /** Ends an entry; it stays on record. */
    Uni<Void> remove(SqlClient client, UUID entryId, String removedBy) {
        return client.preparedQuery("""
                update hotlist_entry set removed_by = $2, removed_at = now() where id = $1 and removed_at is null""")
                .execute(Tuple.of(entryId, removedBy)).replaceWithVoid();
    }

    private List<Entry> entries(Iterable<Row> rows) {
        List<Entry> entries = new ArrayList<>();
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            entries.add(new Entry(id, row.getUUID("hotlist_id"), plates.open(id, row.getBuffer("sealed_plate").getBytes()),
                    row.getString("region"), row.getString("source"), row.getString("reason"), row.getString("purpose"),
                    row.getString("case_number"), row.getString("owner"), row.getOffsetDateTime("expires_at"),
                    row.getString("created_by"), row.getOffsetDateTime("created_at"), row.getString("record_type")));
        }
        return entries;
    }
}
