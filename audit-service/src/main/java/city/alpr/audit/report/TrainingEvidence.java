package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import city.alpr.audit.AuditConfig;

/**
 * Only trained users have access (R11).
 *
 * @param expiringWithin30Days users whose current training expires soon with no later one recorded
 * @param refusedUntrainedLast30Days accesses refused for want of a training record
 */
public record TrainingEvidence(long usersWithCurrentTraining, long expiringWithin30Days, long refusedUntrainedLast30Days)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return usersWithCurrentTraining == 0 ? List.of("nobody holds a current training record") : List.of();
    }
}
