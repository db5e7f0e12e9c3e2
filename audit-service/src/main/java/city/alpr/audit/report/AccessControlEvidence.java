package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import city.alpr.audit.AuditConfig;

/**
 * Access only by authorized roles, the contractor only inside a written grant (R8, R10).
 *
 * @param oldestPendingRequestAt when the longest-waiting undecided law-enforcement request was made; not shown
 */
public record AccessControlEvidence(long activeContractorGrants, long pendingLawEnforcementRequests,
        long approvedRequestsInForce, long refusedLast30Days, @JsonIgnore Instant oldestPendingRequestAt)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return oldestPendingRequestAt != null && oldestPendingRequestAt.isBefore(now.minus(limits.requestWaiting()))
                ? List.of("law-enforcement requests waiting more than " + Spans.span(limits.requestWaiting()))
                : List.of();
    }
}
