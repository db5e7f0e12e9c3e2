package city.alpr.ingest.reads;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import city.alpr.common.crypto.DayKeys;
import city.alpr.ingest.IngestConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the daily partitions of every day ingest may write to (the retention window plus a few days ahead), so a
 * read is never refused at midnight, and drops day keys that have left retention from memory.
 */
@ApplicationScoped
public class PartitionKeeper {

    private final Pool pool;
    private final DayKeys dayKeys;
    private final IngestConfig config;

    PartitionKeeper(Pool pool, DayKeys dayKeys, IngestConfig config) {
        this.pool = pool;
        this.dayKeys = dayKeys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        keepPartitions().await().indefinitely();
    }

    @Scheduled(every = "${alpr.ingest.partition-check-interval}", delayed = "${alpr.ingest.partition-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> keepPartitions() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstRetained = today.minusDays(config.policy().retentionDays());
        dayKeys.forgetBefore(firstRetained);
        return pool.preparedQuery("select ensure_partitions($1, $2)")
                .execute(Tuple.of(firstRetained, today.plusDays(config.ingest().partitionsAheadDays())))
                .invoke(rows -> {
                    int created = rows.iterator().next().getInteger(0);
                    if (created > 0) {
                        Log.infof("created %d daily partitions", created);
                    }
                })
                .replaceWithVoid();
    }
}
