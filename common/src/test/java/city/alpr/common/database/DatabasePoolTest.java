package city.alpr.common.database;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.sqlclient.PoolOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request waits a bounded time, behind a bounded queue, for a database connection (issue 17: shed, not pile up). */
class DatabasePoolTest {

    @Test
    void theWaitForAConnectionIsBoundedAndTheServicesPoolSettingsAreKept() {
        PoolOptions configured = new PoolOptions().setMaxSize(20).setIdleTimeout(7).setName("ingest");
        PoolOptions bounded = DatabasePool.bounded(configured, new DatabasePool.Limits() {
            @Override
            public Duration connectionWait() {
                return Duration.ofMillis(1500);
            }

            @Override
            public int maxWaiting() {
                return 64;
            }
        });
        assertEquals(64, bounded.getMaxWaitQueueSize());
        assertEquals(1500, bounded.getConnectionTimeout());
        assertEquals(TimeUnit.MILLISECONDS, bounded.getConnectionTimeoutUnit());
        assertEquals(20, bounded.getMaxSize());
        assertEquals(7, bounded.getIdleTimeout());
        assertEquals("ingest", bounded.getName());
        assertEquals(-1, configured.getMaxWaitQueueSize(), "the configured options are left as they were");
    }
}
