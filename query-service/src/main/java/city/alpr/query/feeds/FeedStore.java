package city.alpr.query.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.QueryConfig;
import city.alpr.query.hotlists.EntryPlates;
import city.alpr.query.hotlists.HotlistKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The table {@code hotlist_feed}, and the hotlist and entries each feed fills (query-service owns them). A refresh
 * finds each entry of the new file among the feed's active entries by its keyed plate hash, region and record type
 * (no plate is opened): found, it is kept (its expiry moved on); not found, it is added; an active entry the file no
 * longer holds is ended.
 */
@ApplicationScoped
class FeedStore {

    /** Entries sealed and sent per statement: a state's list is some hundred thousand. */
    static final int CHUNK = 5_000;

    private final EntryPlates plates;

    FeedStore(EntryPlates plates) {
        this.plates = plates;
    }

    /** What a feed last did, as kept. */
    record Kept(String name, UUID hotlistId, OffsetDateTime checkedAt, OffsetDateTime refreshedAt, byte[] fileSha256,
            OffsetDateTime fileModifiedAt, int entries, OffsetDateTime failedAt, String failure) {
    }

    record Replaced(int added, int kept, int ended) {
    }

    /**
     * Locks the feed's row for this refresh, registering the feed and its hotlist the first time, and records its
     * configuration; fails at once (lock not available) while another replica refreshes it. The feed's hotlist id.
     */
    Uni<UUID> lock(SqlClient client, String name, QueryConfig.Feed feed, HotlistKind kind) {
        return client.preparedQuery("select hotlist_id from hotlist_feed where name = $1 for update nowait")
                .execute(Tuple.of(name))
                .chain(rows -> rows.iterator().hasNext()
                        ? Uni.createFrom().item(rows.iterator().next().getUUID(0))
                        : register(client, name, feed, kind))
                .call(hotlistId -> client.preparedQuery(
                        """
                                update hotlist_feed set layout = $2, location = $3, stale_after = $4 * interval '1 second' where name = $1""")
                        .execute(Tuple.of(name, feed.layout().column(), feed.file(), feed.staleAfter().toSeconds())));
    }

    private Uni<UUID> register(SqlClient client, String name, QueryConfig.Feed feed, HotlistKind kind) {
        UUID hotlistId = UUID.randomUUID();
        return client.preparedQuery("insert into hotlist (id, name, kind, created_by) values ($1, $2, $3, $4)")
                .execute(Tuple.of(hotlistId, owner(name), kind.column(), owner(name)))
                .chain(() -> client.preparedQuery("""
                        insert into hotlist_feed (name, layout, location, hotlist_id, stale_after)
                        values ($1, $2, $3, $4, $5 * interval '1 second')""")
                        .execute(Tuple.of(name, feed.layout().column(), feed.file(), hotlistId, feed.staleAfter().toSeconds())))
                .replaceWith(hotlistId);
    }

    Uni<Optional<Kept>> kept(SqlClient client, String name) {
        return client.preparedQuery("select * from hotlist_feed where name = $1").execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(kept(rows.iterator().next())) : Optional.empty());
    }

    Uni<List<Kept>> all(SqlClient client) {
        return client.preparedQuery("select * from hotlist_feed order by name").execute().map(rows -> {
            List<Kept> feeds = new ArrayList<>();
            rows.forEach(row -> feeds.add(kept(row)));
            return feeds;
        });
    }

    /** Replaces the feed's active entries by the file's, in the caller's transaction. */
    Uni<Replaced> replace(SqlClient client, String name, UUID hotlistId, FeedLayout layout, List<FeedEntry> entries,
            OffsetDateTime expiresAt) {
        UUID refresh = UUID.randomUUID();
        List<List<FeedEntry>> chunks = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += CHUNK) {
            chunks.add(entries.subList(from, Math.min(entries.size(), from + CHUNK)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> merge(client, name, hotlistId, layout, refresh, chunk,
                        expiresAt))
                .collect().in(() -> new int[2], (sums, counts) -> {
                    sums[0] += counts[0];
                    sums[1] += counts[1];
                })
                .chain(sums -> client.preparedQuery("""
                        update hotlist_entry set removed_at = now(), removed_by = $3
                         where hotlist_id = $1 and removed_at is null and feed_refresh is distinct from $2""")
                        .execute(Tuple.of(hotlistId, refresh, owner(name)))
                        .map(ended -> new Replaced(sums[1], sums[0], ended.rowCount())));
    }

    /** Keeps the chunk's entries that are active, adds the others: {kept, added}. */
    private Uni<int[]> merge(SqlClient client, String name, UUID hotlistId, FeedLayout layout, UUID refresh,
            List<FeedEntry> chunk, OffsetDateTime expiresAt) {
        int n = chunk.size();
        EntryPlates.SealedBatch sealed = plates.sealNew(chunk.stream().map(FeedEntry::plate).toList());
        String[] regions = new String[n];
        String[] types = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            FeedEntry entry = chunk.get(i);
            regions[i] = entry.region();
            types[i] = entry.recordType().column();
            reasons[i] = entry.reason();
        }
        return client.preparedQuery("""
                with incoming as (
                    select * from unnest($3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[], $7::text[], $8::text[],
                                         $9::text[])
                        as i (id, sealed_plate, plate_index, lookalike_index, region, record_type, reason)),
                kept as (
                    update hotlist_entry e set expires_at = $10, reason = i.reason, feed_refresh = $2
                      from incoming i
                     where e.hotlist_id = $1 and e.removed_at is null and e.plate_index = i.plate_index
                       and e.region is not distinct from i.region and e.record_type = i.record_type
                    returning 1),
                added as (
                    insert into hotlist_entry (id, hotlist_id, sealed_plate, plate_index, plate_lookalike_index, region,
                                               source, reason, owner, expires_at, created_by, record_type, feed_refresh)
                    select i.id, $1, i.sealed_plate, i.plate_index, i.lookalike_index, i.region, $11, i.reason, $12,
                           $10, $12, i.record_type, $2
                      from incoming i
                     where not exists (select 1 from hotlist_entry e
                                        where e.hotlist_id = $1 and e.removed_at is null and e.plate_index = i.plate_index
                                          and e.region is not distinct from i.region
                                          and e.record_type = i.record_type)
                    returning 1)
                select (select count(*) from kept) as kept, (select count(*) from added) as added""")
                .execute(Tuple.tuple().addUUID(hotlistId).addUUID(refresh).addValue(sealed.ids())
                        .addValue(sealed.plates()).addValue(sealed.plateIndexes()).addValue(sealed.lookAlikeIndexes())
                        .addValue(regions).addValue(types)
                        .addValue(reasons).addOffsetDateTime(expiresAt).addString(layout.source())
                        .addString(owner(name)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new int[] { (int) row.getLong("kept").longValue(), (int) row.getLong("added").longValue() };
                });
    }

    Uni<Void> imported(SqlClient client, String name, FeedReading.Parsed file) {
        return client.preparedQuery("""
                update hotlist_feed set checked_at = now(), refreshed_at = now(), file_sha256 = $2, file_modified_at = $3,
                       entries = $4, failed_at = null, failure = null
                 where name = $1""")
                .execute(Tuple.of(name, Buffer.buffer(file.sha256()), utc(file), file.file().entries().size()))
                .replaceWithVoid();
    }

    /** The file read is the one imported last: only its modification time may have moved. */
    Uni<Void> unchanged(SqlClient client, String name, FeedReading.Parsed file) {
        return client.preparedQuery("""
                update hotlist_feed set checked_at = now(), file_modified_at = greatest(file_modified_at, $2),
                       failed_at = null, failure = null
                 where name = $1""").execute(Tuple.of(name, utc(file))).replaceWithVoid();
    }

    Uni<Void> refused(SqlClient client, String name, FeedReading.Refused file) {
        return client
                .preparedQuery("update hotlist_feed set checked_at = now(), failed_at = now(), failure = $2 where name = $1")
                .execute(Tuple.of(name, file.reason())).replaceWithVoid();
    }

    /**
     * Who a feed's entries and hotlist are written by, and the feed's hotlist's name: {@code feed:} names are reserved
     * to feeds (no person creates such a hotlist, nor holds such a username), so no one takes a feed's name first.
     */
    static String owner(String feed) {
        return HotlistKind.FEED_PREFIX + feed;
    }

    private static OffsetDateTime utc(FeedReading file) {
        return file.modifiedAt().atOffset(ZoneOffset.UTC);
    }

    private static Kept kept(Row row) {
        var sha = row.getBuffer("file_sha256");
        return new Kept(row.getString("name"), row.getUUID("hotlist_id"), row.getOffsetDateTime("checked_at"),
                row.getOffsetDateTime("refreshed_at"), sha == null ? null : sha.getBytes(),
                row.getOffsetDateTime("file_modified_at"), row.getInteger("entries"), row.getOffsetDateTime("failed_at"),
                row.getString("failure"));
    }
}
