package city.alpr.retention.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The purge's statements: the receipts ({@code purge_receipt}, owned by this service), and the owner's functions that
 * do the purging in the tables of other services ({@code purge_day}, {@code drop_detached_partitions},
 * {@code retention_expired_days},
 * {@code clear_expired_export_packages}, {@code ensure_partitions}, {@code retention_leftovers}); this service's role
 * reads no table itself.
 */
@ApplicationScoped
public class PurgeStore {

    private static final String LOCK = "select pg_advisory_lock(hashtext('alpr.retention.purge'))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('alpr.retention.purge'))";
    private static final String RECEIPT = """
            insert into purge_receipt (id, started_at, finished_at, cutoff, days, counts, keys_destroyed, outcome,
                                       detail, retention_days, as_of, leftovers)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";

    /**
     * Takes the purge lock, waiting at most {@code lockWait} for it; then each statement waits at most
     * {@code tableLockWait} for a table lock.
     */
    Uni<Void> lock(SqlConnection connection, Duration lockWait, Duration tableLockWait) {
        return connection.query("set lock_timeout = " + lockWait.toMillis()).execute()
                .chain(() -> connection.query(LOCK).execute())
                .chain(() -> connection.query("set lock_timeout = " + tableLockWait.toMillis()).execute())
                .replaceWithVoid();
    }

    /** Releases the purge lock if this session holds it, and restores the connection's lock timeout. */
    Uni<Void> unlock(SqlConnection connection) {
        return connection.query(UNLOCK).execute()
                .chain(() -> connection.query("reset lock_timeout").execute())
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** The capture days still held that lie before the first day retention keeps, oldest first. */
    Uni<List<LocalDate>> expiredDays(SqlClient client, LocalDate firstRetainedDay) {
        return client.preparedQuery("select retention_expired_days($1)").execute(Tuple.of(firstRetainedDay))
                .map(rows -> rows.stream().map(row -> row.getLocalDate(0)).toList());
    }

    /**
     * Purges one day in one transaction of the owner's, its partitions detached: its counts, packages cleared and
     * whether its key went. Each request for a daily table's lock waits at most {@code parentLockWait}, and is
     * retried up to {@code parentLockAttempts} times.
     */
    Uni<JsonObject> purgeDay(SqlClient client, LocalDate day, Instant asOf, Duration parentLockWait,
            int parentLockAttempts) {
        return client.preparedQuery("select purge_day($1, $2, $3, $4)")
                .execute(Tuple.of(day, asOf.atOffset(ZoneOffset.UTC), Math.toIntExact(parentLockWait.toMillis()),
                        parentLockAttempts))
                .map(rows -> rows.iterator().next().getJsonObject(0));
    }

    /** Drops the day's detached partitions in a transaction of their own; how many. */
    Uni<Integer> dropDetachedPartitions(SqlClient client, LocalDate day, Instant asOf) {
        return client.preparedQuery("select drop_detached_partitions($1, $2)")
                .execute(Tuple.of(day, asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Clears the evidence packages whose download window closed; how many. */
    Uni<Long> clearExpiredPackages(SqlClient client, Instant asOf) {
        return client.preparedQuery("select clear_expired_export_packages($1)")
                .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Creates the daily partitions of these days that do not exist yet; how many. */
    Uni<Integer> ensurePartitions(SqlClient client, LocalDate first, LocalDate last) {
        return client.preparedQuery("select ensure_partitions($1, $2)").execute(Tuple.of(first, last))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** What each table still holds from before the cutoff, counted in the tables themselves. */
    Uni<Map<String, Long>> leftovers(SqlClient client, Instant cutoff, Instant asOf) {
        return client.preparedQuery("select retention_leftovers($1, $2)")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), asOf.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Long> found = new LinkedHashMap<>();
                    rows.iterator().next().getJsonObject(0)
                            .forEach(count -> found.put(count.getKey(), ((Number) count.getValue()).longValue()));
                    return found;
                });
    }

    Uni<Void> recordReceipt(SqlClient client, PurgeReceipt receipt) {
        Tuple values = Tuple.tuple().addUUID(receipt.id()).addValue(receipt.startedAt().atOffset(ZoneOffset.UTC))
                .addValue(receipt.finishedAt().atOffset(ZoneOffset.UTC))
                .addValue(receipt.cutoff().atOffset(ZoneOffset.UTC))
                .addValue(receipt.days().toArray(LocalDate[]::new)).addValue(json(receipt.counts()))
                .addValue(receipt.keysDestroyed().toArray(LocalDate[]::new))
                .addString(receipt.outcome().name().toLowerCase()).addString(receipt.detail())
                .addInteger(receipt.retentionDays()).addValue(receipt.asOf().atOffset(ZoneOffset.UTC))
                .addValue(receipt.leftovers() == null ? null : json(receipt.leftovers()));
        return client.preparedQuery(RECEIPT).execute(values).replaceWithVoid();
    }

    static JsonObject json(Map<String, Long> counts) {
        return new JsonObject(new LinkedHashMap<>(counts));
    }
}
