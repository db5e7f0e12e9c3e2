package city.alpr.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import city.alpr.common.policy.PolicyConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the purge runs; how long data lives is the policy's (R19, R25). */
@ConfigMapping(prefix = "alpr")
public interface RetentionConfig extends PolicyConfig {

    Retention retention();

    interface Retention {
        /**
         * The shortest retention this deployment may ever run with: a policy configured below it is refused and
         * nothing is purged. Wildomar CS3 section 9 keeps data "for a minimum of thirty (30) days".
         */
        @WithDefault("30")
        int minimumDays();

        /** When the scheduler purges while the service runs (quarkus-scheduler cron, UTC), or {@code off}. */
        @WithDefault("0 15 0 * * ?")
        String schedule();

        /** Daily partitions created beyond today, so ingest never fails at midnight. */
        @WithDefault("7")
        int partitionsAheadDays();

        /** How long a run waits for another run that holds the purge lock before it gives up. */
        @WithDefault("PT10M")
        Duration lockWait();

        /**
         * How long one of the purge's statements waits for a lock that holds up neither ingest nor search: on the day's
         * own partitions (a running autovacuum of them gives way after PostgreSQL's deadlock_timeout), or on the daily
         * tables to attach the coming days' partitions. Not granted, the day or the run is tried again.
         */
        @WithDefault("PT5S")
        Duration tableLockWait();

        /**
         * How long, in all, one attempt to detach a day's partitions waits for the daily tables' locks, which ingest and
         * search queue behind (1 ms to 1 s). Not granted in time (a long search holds a table), the attempt lets go of
         * every lock it took, and the purge waits as long again and retries.
         */
        @WithDefault("PT0.025S")
        Duration parentLockWait();

        /** How many attempts a day's purge makes to detach its partitions before the day is tried again (1 to 10,000). */
        @WithDefault("200")
        int parentLockAttempts();

        /**
         * The time the job takes as "now", instead of the clock: for rehearsals and for the whole-system test that
         * advances time. Recorded in every receipt it produces. The database honours a time ahead of its own clock
         * only when it is marked a rehearsal database ({@code retention_guard.rehearsal}, which only its owner sets);
         * elsewhere such a run purges nothing and fails.
         */
        Optional<Instant> asOf();
    }
}
