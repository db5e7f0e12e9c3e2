package city.alpr.query.feeds;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.query.QueryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The configured hotlist feeds that are stale or whose last file was refused, as the gauge
 * {@code alpr_hotlist_feeds_stale} the operators' alert rules watch ({@code k8s/monitoring/}); the same judgement
 * as the wellness check. Counted in the background every {@code alpr.monitoring.refresh}; NaN until the first.
 */
@Startup
@ApplicationScoped
public class StaleFeeds {

    private static final Logger LOG = Logger.getLogger(StaleFeeds.class);

    private final Pool pool;
    private final FeedStore store;
    private final QueryConfig config;
    private final AtomicReference<Double> stale = new AtomicReference<>(Double.NaN);

    StaleFeeds(Pool pool, FeedStore store, QueryConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.config = config;
        Gauge.builder("alpr.hotlist.feeds.stale", stale, AtomicReference::get)
                .description("Configured hotlist feeds that are stale or whose last file was refused")
                .register(registry);
    }

    @Scheduled(every = "${alpr.monitoring.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return store.all(pool)
                .invoke(kept -> stale.set((double) FeedStatus.of(config.hotlistFeeds(), kept, Instant.now()).stream()
                        .filter(status -> status.stale() || status.failure() != null).count()))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("stale hotlist feeds were not counted: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
