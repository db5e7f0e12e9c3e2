package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import city.alpr.audit.AuditConfig;

/** Downloads only by sworn personnel, as signed evidence packages (R12, R13). */
public record ExportEvidence(long exportsLast30Days, long readsExportedLast30Days, long refusedExportsLast30Days)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return List.of();
    }
}
