package city.alpr.audit.report;

import city.alpr.audit.AuditConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The report's thresholds at the defaults {@link AuditConfig.Report} declares, for tests without Quarkus. */
final class ReportLimits {

    private ReportLimits() {
    }

    static AuditConfig.Report defaults() {
        return new SmallRyeConfigBuilder().withMapping(AuditConfig.Report.class, "alpr.report").build()
                .getConfigMapping(AuditConfig.Report.class, "alpr.report");
    }
}
