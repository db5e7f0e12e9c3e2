package city.alpr.retention.purge;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The purge on quarkus-scheduler, while the service runs (locally, or as a long-running process where no
 * Kubernetes CronJob is available). The run logs its own outcome; a run that cannot reach the database is retried
 * by the next night's, which catches up.
 */
@ApplicationScoped
class NightlyPurge {

    private final Purge purge;

    NightlyPurge(Purge purge) {
        this.purge = purge;
    }

    @Scheduled(cron = "${alpr.retention.schedule}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purge.run().replaceWithVoid();
    }
}
