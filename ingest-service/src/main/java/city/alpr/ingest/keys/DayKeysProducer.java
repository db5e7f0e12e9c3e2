package city.alpr.ingest.keys;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import city.alpr.common.crypto.DayKeys;
import city.alpr.common.crypto.MasterKey;
import city.alpr.ingest.IngestConfig;
import io.vertx.mutiny.sqlclient.Pool;

/** The configured master key, and the day keys it unwraps. */
public class DayKeysProducer {

    @Produces
    @Singleton
    MasterKey masterKey(IngestConfig config) {
        return MasterKey.fromBase64(config.crypto().masterKey());
    }

    @Produces
    @Singleton
    DayKeys dayKeys(Pool pool, MasterKey masterKey) {
        return new DayKeys(pool, masterKey);
    }
}
