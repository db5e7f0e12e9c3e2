package city.alpr.retention.purge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which capture days have outlived retention (R19). Days are UTC days, as the partitions are. At a given moment,
 * every day before {@code today - retentionDays} is expired: its last read is then at least {@code retentionDays}
 * old, so nothing is purged younger than the policy says, and nothing is held more than a day beyond it.
 */
public record RetentionPeriod(int retentionDays, int minimumDays) {

    /** Why nothing may be purged under this configuration, if it may not: a retention below the minimum. */
    public Optional<String> refusal() {
        return retentionDays >= minimumDays ? Optional.empty()
                : Optional.of("the policy's retention of " + retentionDays + " days is shorter than the minimum of "
                        + minimumDays + " days (alpr.retention.minimum-days); nothing was purged");
    }

    /** The first capture day still retained at {@code now}; everything captured before its start is expired. */
    public LocalDate firstRetainedDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(retentionDays);
    }

    /** The start of the first retained day: the instant before which nothing may remain. */
    public Instant cutoff(Instant now) {
        return firstRetainedDay(now).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
