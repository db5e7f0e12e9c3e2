package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import city.alpr.audit.AuditConfig;

/**
 * Every search and view states a purpose, and a case number where needed (R9), over the last {@code days}.
 *
 * @param grantedByPurpose granted accesses to read data per purpose stated ({@code none} for none)
 */
public record PurposeEvidence(int days, Map<String, Long> grantedByPurpose, long grantedWithoutCaseNumber, long refused)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return List.of();
    }
}
