package city.alpr.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import city.alpr.audit.AuditConfig;

/**
 * Every search and view states a purpose, and a case number where needed (R9), over the last {@code days}.
 *
 * @param grantedByPurpose granted accesses to read data per purpose stated ({@code none} for none)
 * @param daily each UTC day the window reaches into, whole, oldest first, for the compliance page's charts
 */
public record PurposeEvidence(int days, Map<String, Long> grantedByPurpose, long grantedWithoutCaseNumber, long refused,
        List<Day> daily) implements Evidence {

    /**
     * @param searchesByPurpose granted searches per purpose stated
     * @param refused the accesses to read data refused that day
     */
    public record Day(LocalDate day, Map<String, Long> searchesByPurpose, long refused) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return List.of();
    }
}
