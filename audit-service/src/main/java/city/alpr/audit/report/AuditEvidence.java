package city.alpr.audit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import city.alpr.audit.AuditConfig;

/**
 * The log is audited periodically and findings are recorded (R18).
 *
 * @param lastRun the run started last
 * @param findingsLast365Days findings per severity
 * @param oldestUnsignedRunStartedAt when the oldest run not signed off started; not shown
 */
public record AuditEvidence(LastRun lastRun, long runsAwaitingSignOff, Map<String, Long> findingsLast365Days,
        @JsonIgnore Instant oldestUnsignedRunStartedAt) implements Evidence {

    public record LastRun(UUID id, Instant from, Instant to, Instant startedAt, Instant signedOffAt) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        List<String> attention = new ArrayList<>();
        if (lastRun == null) {
            attention.add("no audit has been run");
        } else if (lastRun.startedAt().isBefore(now.minus(limits.auditRunOverdue()))) {
            attention.add("no audit run in " + Spans.last(limits.auditRunOverdue()));
        }
        if (oldestUnsignedRunStartedAt != null
                && oldestUnsignedRunStartedAt.isBefore(now.minus(limits.signOffOverdue()))) {
            attention.add("audit runs unsigned for more than " + Spans.span(limits.signOffOverdue()));
        }
        return attention;
    }
}
