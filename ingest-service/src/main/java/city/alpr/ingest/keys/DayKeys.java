package city.alpr.ingest.keys;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.ingest.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The data key of each capture day (R5). Created on first use by whichever replica gets there first, stored
 * only wrapped by the master key, and held unwrapped in memory only while the day is inside retention.
 */
@ApplicationScoped
public class DayKeys {

    private final Pool pool;
    private final MasterKey masterKey;
    private final Map<LocalDate, DataKey> unwrapped = new ConcurrentHashMap<>();

    public DayKeys(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.masterKey = MasterKey.fromBase64(config.crypto().masterKey());
    }

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
                    DataKey key = masterKey.unwrap(day, row.getBuffer("wrapped_key").getBytes());
                    unwrapped.put(day, key);
                    return key;
                });
    }

    /** Forgets the keys of days that have left retention, so a shredded day is not readable from memory either. */
    public void forgetBefore(LocalDate firstRetainedDay) {
        unwrapped.keySet().removeIf(day -> day.isBefore(firstRetainedDay));
    }
}
