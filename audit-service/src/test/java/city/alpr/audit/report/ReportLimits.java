package city.alpr.audit.report;

import java.time.Duration;

import city.alpr.audit.AuditConfig;

/** The report's thresholds at their defaults, for tests without Quarkus. */
record ReportLimits() implements AuditConfig.Report {

    @Override
    public Duration purgeOverdue() {
        return Duration.ofDays(2);
    }

    @Override
    public Duration verificationOverdue() {
        return Duration.ofDays(7);
    }

    @Override
    public Duration checkpointOverdue() {
        return Duration.ofDays(1);
    }

    @Override
    public Duration requestWaiting() {
        return Duration.ofDays(7);
    }

    @Override
    public Duration dispositionOverdue() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration auditRunOverdue() {
        return Duration.ofDays(45);
    }

    @Override
    public Duration signOffOverdue() {
        return Duration.ofDays(30);
    }

    @Override
    public Duration window() {
        return Duration.ofDays(30);
    }

    @Override
    public Duration findingsWindow() {
        return Duration.ofDays(365);
    }

    @Override
    public Duration trainingExpiringWithin() {
        return Duration.ofDays(30);
    }
}
