package city.alpr.common.crypto;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The data key of each capture day (R5), stored only wrapped by the master key and held unwrapped in memory only
 * while the day is inside retention. Ingest creates a day's key on first use, whichever replica gets there
 * first; the query service only opens existing ones.
 */
public class DayKeys {

    private final Pool pool;
    private final MasterKey masterKey;
    private final Map<LocalDate, DataKey> unwrapped = new ConcurrentHashMap<>();

    public DayKeys(Pool pool, MasterKey masterKey) {
        this.pool = pool;
        this.masterKey = masterKey;
    }

    /** The day's key, created if the day has none yet; fails with {@link DestroyedDayKeyException} if purged. */
    public Uni<DataKey> forDay(LocalDate day) {
        DataKey cached = unwrapped.get(day);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("insert into data_key (day, wrapped_key) values ($1, $2) on conflict (day) do nothing")
                .execute(Tuple.of(day, Buffer.buffer(masterKey.newWrappedDataKey(day))))
                .chain(() -> pool.preparedQuery("select wrapped_key from data_key where day = $1").execute(Tuple.of(day)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getValue("wrapped_key") == null) {
                        throw new DestroyedDayKeyException(day);
                    }
                    return remember(day, row.getBuffer("wrapped_key").getBytes());
                });
    }

    /**
     * The keys of the days from {@code first} to {@code last} that have data and have not been purged, read
     * through the caller's connection (inside a transaction, a second pooled connection could starve the pool).
     */
    public Uni<Map<LocalDate, DataKey>> readable(SqlClient client, LocalDate first, LocalDate last) {
        Map<LocalDate, DataKey> keys = new HashMap<>();
        boolean allCached = true;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            DataKey cached = unwrapped.get(day);
            if (cached == null) {
                allCached = false;
                break;
            }
            keys.put(day, cached);
        }
        if (allCached) {
            return Uni.createFrom().item(keys);
        }
        return client
                .preparedQuery("select day, wrapped_key from data_key where day between $1 and $2 and wrapped_key is not null")
                .execute(Tuple.of(first, last))
                .map(rows -> {
                    Map<LocalDate, DataKey> found = new HashMap<>();
                    for (Row row : rows) {
                        LocalDate day = row.getLocalDate("day");
                        DataKey cached = unwrapped.get(day);
                        found.put(day, cached != null ? cached : remember(day, row.getBuffer("wrapped_key").getBytes()));
                    }
                    return found;
                });
    }

    private DataKey remember(LocalDate day, byte[] wrapped) {
        DataKey key = masterKey.unwrap(day, wrapped);
        unwrapped.put(day, key);
        return key;
    }

    /** Forgets the keys of days that have left retention, so a shredded day is not readable from memory either. */
    public void forgetBefore(LocalDate firstRetainedDay) {
        unwrapped.keySet().removeIf(day -> day.isBefore(firstRetainedDay));
    }
}
