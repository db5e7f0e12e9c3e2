package city.alpr.ingest.keys;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import city.alpr.common.crypto.DayKeys;
import city.alpr.common.crypto.MasterKey;
import city.alpr.ingest.IngestConfig;
import io.vertx.mutiny.sqlclient.Pool;

/** The day keys of this service, unwrapped with the configured master key. */
public class DayKeysProducer {

    @Produces
    @Singleton
    DayKeys dayKeys(Pool pool, IngestConfig config) {
        return new DayKeys(pool, MasterKey.fromBase64(config.crypto().masterKey()));
    }
}
