package city.alpr.common.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Every service's PostgreSQL pool, with a bounded wait for a connection. Vert.x's pool lets requests queue without
 * limit for 30 s by default; under overload that queue is where latency and memory pile up. Here a request waits at
 * most {@code alpr.database.connection-wait}, behind at most {@code alpr.database.max-waiting} others, and is then
 * answered 503 with Retry-After (the problem mapper) instead of holding its client's connection.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    @ConfigMapping(prefix = "alpr.database")
    public interface Limits {
        /** How long a request may wait for a pooled connection before it is refused as overloaded. */
        @WithDefault("PT2S")
        Duration connectionWait();

        /** How many requests may wait for a pooled connection at once; further ones are refused at once. */
        @WithDefault("128")
        int maxWaiting();
    }

    private final Limits limits;

    DatabasePool(Limits limits) {
        this.limits = limits;
    }

    @Override
    public Pool create(Input input) {
        return PgBuilder.pool().with(bounded(input.poolOptions(), limits))
                .connectingTo(new ArrayList<>(input.pgConnectOptionsList())).using(input.vertx()).build();
    }

    static PoolOptions bounded(PoolOptions configured, Limits limits) {
        return new PoolOptions(configured).setMaxWaitQueueSize(limits.maxWaiting())
                .setConnectionTimeout((int) limits.connectionWait().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    }
}
