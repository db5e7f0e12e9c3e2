package city.alpr.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import city.alpr.audit.AuditConfig;

/**
 * Reads and images are destroyed when the retention period ends (R19, R20).
 *
 * @param oldestDayHeld the oldest day whose key is not destroyed
 * @param readsBeyondRetention whether a read older than the retention period is still held
 * @param lastPurge the purge that finished last, whatever its outcome
 */
public record RetentionEvidence(int retentionDays, LocalDate oldestDayHeld, Instant oldestReadHeld,
        boolean readsBeyondRetention, long dayKeysDestroyed, LastPurge lastPurge) implements Evidence {

    public record LastPurge(Instant finishedAt, String outcome, Instant cutoff, List<LocalDate> days,
            List<LocalDate> keysDestroyed, Map<String, Object> counts) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        List<String> attention = new ArrayList<>();
        if (readsBeyondRetention) {
            attention.add("reads older than the retention period are held");
        }
        if (oldestDayHeld != null && !purgedSince(now.minus(limits.purgeOverdue()))) {
            attention.add("no completed purge in " + Spans.last(limits.purgeOverdue()));
        }
        return attention;
    }

    private boolean purgedSince(Instant since) {
        return lastPurge != null && lastPurge.outcome().equals("completed") && lastPurge.finishedAt().isAfter(since);
    }
}
