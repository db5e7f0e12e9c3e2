package city.alpr.query.keys;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import city.alpr.common.crypto.DayKeys;
import city.alpr.common.crypto.MasterKey;
import city.alpr.query.QueryConfig;
import io.vertx.mutiny.sqlclient.Pool;

/** The configured master key, and the day keys it unwraps; this service opens day keys, it never creates one. */
public class KeysProducer {

    @Produces
    @Singleton
    MasterKey masterKey(QueryConfig config) {
        return MasterKey.fromBase64(config.crypto().masterKey());
    }

    @Produces
    @Singleton
    DayKeys dayKeys(Pool pool, MasterKey masterKey) {
        return new DayKeys(pool, masterKey);
    }
}
