package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import city.alpr.audit.AuditConfig;

/** Hotlist hits are flagged, alerted and given a human disposition (R6, R7). */
public record HotlistEvidence(long activeEntries, long alertsLast30Days, long awaitingDispositionOver24Hours)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return awaitingDispositionOver24Hours > 0
                ? List.of("alerts without a disposition for more than " + Spans.span(limits.dispositionOverdue()))
                : List.of();
    }
}
