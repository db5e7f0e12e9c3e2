package city.alpr.query.alerts;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;

/**
 * New alerts as they are raised, on whichever replica: ingest's insert fires a PostgreSQL notification, this
 * replica listens on its own connection, loads the alert and hands it to every subscriber connected here, each of
 * which keeps only the alerts its person receives. A lost connection is re-established, and the alert list covers
 * anything raised while it was down.
 */
@ApplicationScoped
public class AlertFeed {

    static final String CHANNEL = "alpr_alerts";

    private final BroadcastProcessor<AlertStore.Stored> alerts = BroadcastProcessor.create();
    private final Pool pool;
    private final AlertStore store;
    private final PgSubscriber subscriber;

    AlertFeed(Vertx vertx, Pool pool, AlertStore store,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.pool = pool;
        this.store = store;
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1000L);
    }

    void start(@Observes StartupEvent event) {
        subscriber.channel(CHANNEL).handler(payload -> announce(UUID.fromString(payload)));
        subscriber.connect().await().indefinitely();
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.closeAndAwait();
    }

    /** Alerts raised from now on, for every person; each subscriber keeps those its person receives. */
    Multi<AlertStore.Stored> live() {
        return alerts;
    }

    private void announce(UUID alertId) {
        store.byId(pool, alertId).subscribe().with(found -> found.ifPresent(alerts::onNext),
                failure -> Log.warnf("could not load alert %s for its subscribers: %s", alertId, failure.getMessage()));
    }
}
