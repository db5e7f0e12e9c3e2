package city.alpr.query.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;

/**
 * New alerts as they are raised, on whichever replica: ingest's insert fires a PostgreSQL notification, this
 * replica listens on its own connection, loads the alert and hands it to every subscriber connected here, each of
 * which keeps only the alerts its person receives. A lost connection is re-established, and the alert list covers
 * anything raised while it was down. Any database role may notify the channel, so a notification is only a hint: it
 * is passed on when it names an alert raised within {@code alpr.alerts.announce-window} that this replica has not
 * passed on yet, and ignored otherwise.
 */
@ApplicationScoped
public class AlertFeed {

    static final String CHANNEL = "alpr_alerts";

    /** Alert ids passed on lately; more than a window's worth of alerts on one replica is far beyond any city's. */
    private static final int REMEMBERED = 10_000;

    private final BroadcastProcessor<AlertStore.Stored> alerts = BroadcastProcessor.create();
    /** Fed from whichever event loop loads an alert: serialized, as a processor takes one item at a time. */
    private final SerializedProcessor<AlertStore.Stored, AlertStore.Stored> feed = alerts.serialized();
    private final Set<UUID> announced = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
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
        subscriber.channel(CHANNEL).handler(this::announce);
        subscriber.connect().await().indefinitely();
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.closeAndAwait();
    }

    /** Alerts raised from now on, for every person; each subscriber keeps those its person receives. */
    Multi<AlertStore.Stored> live() {
        return alerts;
    }

    private void announce(String payload) {
        UUID alertId;
        try {
            alertId = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            Log.warnf("ignored a notification on %s that names no alert: %.80s", CHANNEL, payload);
            return;
        }
        store.justRaised(pool, alertId).subscribe().with(found -> found.filter(alert -> firstAnnouncement(alertId))
                .ifPresent(feed::onNext),
                failure -> Log.warnf("could not load alert %s for its subscribers: %s", alertId, failure.getMessage()));
    }

    private boolean firstAnnouncement(UUID alertId) {
        synchronized (announced) {
            return announced.add(alertId);
        }
    }
}
