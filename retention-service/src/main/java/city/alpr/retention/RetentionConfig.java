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
         * How long a day's purge waits for a lock on the day's own partitions before the day is tried again: it holds
         * up no one meanwhile (an autovacuum of a partition gives way to it after PostgreSQL's deadlock_timeout).
         */
        @WithDefault("PT5S")
        Duration tableLockWait();

        /**
         * How long each request for a daily table's lock may hold up the ingest and search queued behind it. Not
         * granted in time (a long search holds the table), the purge lets go of every table, waits as long again and
         * retries.
         */
        @WithDefault("PT0.025S")
        Duration parentLockWait();

        /** How many times a day's purge asks for the daily tables' locks before the day is tried again. */
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
