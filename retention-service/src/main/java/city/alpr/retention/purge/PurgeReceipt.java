package city.alpr.retention.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one run of the purge did (R19), as {@code purge_receipt} keeps it for compliance staff: the period it
 * purged, how many rows of each table left with it, whose keys were destroyed, and what the final check found
 * still held from before the cutoff (nothing, when the run completed).
 *
 * @param asOf the moment the run took as "now": the clock, or {@code alpr.retention.as-of}
 * @param counts rows removed per table, and evidence packages cleared
 * @param leftovers rows per table still older than the cutoff after the run; null when the check could not run
 */
public record PurgeReceipt(UUID id, Instant startedAt, Instant finishedAt, Instant asOf, int retentionDays,
        Instant cutoff, List<LocalDate> days, Map<String, Long> counts, List<LocalDate> keysDestroyed,
        Map<String, Long> leftovers, Outcome outcome, String detail) {

    public enum Outcome {
        COMPLETED,
        FAILED
    }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }

    public long readsPurged() {
        return counts.getOrDefault("plate_read", 0L);
    }

    /** One line for the job's log and exit. */
    public String summary() {
        String purged = days.isEmpty() ? "no expired days"
                : days.size() + " day(s) " + days.getFirst() + ".." + days.getLast() + ", " + counts.entrySet().stream()
                        .map(count -> count.getValue() + " " + count.getKey()).collect(Collectors.joining(", "))
                        + ", " + keysDestroyed.size() + " day key(s) destroyed";
        return "purge " + outcome.name().toLowerCase() + " (receipt " + id + "): cutoff " + cutoff + " (" + retentionDays
                + " days before " + asOf + "), " + purged + ", in " + Duration.between(startedAt, finishedAt).toMillis()
                + " ms" + (detail == null ? "" : "; " + detail);
    }
}
