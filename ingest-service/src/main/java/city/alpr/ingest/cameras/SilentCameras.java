package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.ingest.IngestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The active cameras that sent neither a read nor a heartbeat within {@code alpr.ingest.silent-after} (R21), as the
 * gauge {@code alpr_cameras_silent} the operators' alert rules watch ({@code k8s/monitoring/}). Counted in the
 * background every {@code alpr.monitoring.refresh}; a scrape reads the last count. NaN until the first.
 */
@Startup
@ApplicationScoped
public class SilentCameras {

    private static final Logger LOG = Logger.getLogger(SilentCameras.class);

    private final Pool pool;
    private final CameraStore store;
    private final IngestConfig config;
    private final AtomicReference<Double> silent = new AtomicReference<>(Double.NaN);

    SilentCameras(Pool pool, CameraStore store, IngestConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.store = store;
        this.config = config;
        Gauge.builder("alpr.cameras.silent", silent, AtomicReference::get)
                .description("Active cameras with neither a read nor a heartbeat within alpr.ingest.silent-after")
                .register(registry);
    }

    @Scheduled(every = "${alpr.monitoring.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        OffsetDateTime silentBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.ingest().silentAfter());
        return store.health(pool, silentBefore)
                .invoke(health -> silent.set((double) health.stream().filter(CameraHealth::silent).count()))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("silent cameras were not counted: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
