package city.alpr.audit.monitoring;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The access log's and the purge's state as Prometheus gauges, for the alert rules in {@code k8s/monitoring/}: a
 * broken or unverified chain, records waiting too long for a signed checkpoint, a failed or overdue purge. Counted
 * in the background every {@code alpr.monitoring.refresh}; a scrape reads the last count and queries nothing. Every
 * gauge is NaN until the first count. A log never verified, or a purge that never completed, counts from when this
 * service started watching, so that an installation where they never happen is flagged once the rules' limit passes.
 */
@Startup
@ApplicationScoped
public class OperationsGauges {

    private static final Logger LOG = Logger.getLogger(OperationsGauges.class);

    private final Pool pool;
    private final OperationsStore store;
    private final AtomicReference<OperationsFigures> counted = new AtomicReference<>();
    private final Instant watchingSince = Instant.now();

    OperationsGauges(Pool pool, OperationsStore store, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        gauge(registry, "alpr.access.log.chain.intact", "1 if the latest verification found the chain intact, 0 if broken",
                figures -> flag(figures.chainIntact()));
        gauge(registry, "alpr.access.log.last.verified.timestamp.seconds",
                "When the access log was last verified; if never, when this service started watching",
                figures -> seconds(figures.lastVerified()));
        gauge(registry, "alpr.access.log.unsigned.age.seconds",
                "How long the oldest record no signed checkpoint covers has waited; 0 if every record is covered",
                figures -> figures.oldestUnsigned() == null ? 0
                        : Instant.now().getEpochSecond() - figures.oldestUnsigned().getEpochSecond());
        gauge(registry, "alpr.purge.last.completed.timestamp.seconds",
                "When the last completed purge finished; if none ever did, when this service started watching",
                figures -> seconds(figures.lastPurgeCompleted()));
        gauge(registry, "alpr.purge.last.failed", "1 if the latest purge's receipt says it failed",
                figures -> flag(figures.lastPurgeFailed()));
    }

    @Scheduled(every = "${alpr.monitoring.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return store.figures(pool).invoke(counted::set).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("the operations gauges were not counted: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private void gauge(MeterRegistry registry, String name, String description,
            Function<OperationsFigures, Number> figure) {
        Gauge.builder(name, counted, current -> current.get() == null ? Double.NaN
                : figure.apply(current.get()).doubleValue()).description(description).register(registry);
    }

    private static double flag(Boolean value) {
        return value == null ? Double.NaN : value ? 1 : 0;
    }

    private double seconds(Instant instant) {
        return (instant == null ? watchingSince : instant).getEpochSecond();
    }
}
