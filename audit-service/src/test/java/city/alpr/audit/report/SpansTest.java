package city.alpr.audit.report;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import city.alpr.audit.AuditConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** R18: the attention lines say the thresholds in force, in the words they had when the thresholds were fixed. */
class SpansTest {

    @Test
    void aThresholdReadsAsItsDefaultLineDid_R18() {
        assertEquals("a day", Spans.span(Duration.ofHours(24)));
        assertEquals("seven days", Spans.span(Duration.ofDays(7)));
        assertEquals("30 days", Spans.span(Duration.ofDays(30)));
        assertEquals("the last day", Spans.last(Duration.ofDays(1)));
        assertEquals("the last two days", Spans.last(Duration.ofDays(2)));
        assertEquals("the last 45 days", Spans.last(Duration.ofDays(45)));
        assertEquals("six hours", Spans.span(Duration.ofHours(6)));
        assertEquals("the last hour", Spans.last(Duration.ofHours(1)));
        assertEquals("PT1M30S", Spans.span(Duration.ofSeconds(90)));
    }

    @Test
    void aThresholdConfiguredOtherwiseIsWhatTheLineSays_R18() {
        AuditConfig.Report defaults = ReportLimits.defaults();
        AuditConfig.Report threeDays = (AuditConfig.Report) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { AuditConfig.Report.class },
                (proxy, method, arguments) -> method.getName().equals("purgeOverdue") ? Duration.ofDays(3)
                        : method.invoke(defaults, arguments));
        RetentionEvidence unpurged = new RetentionEvidence(30, LocalDate.parse("2026-11-01"), null, false, 0, null);
        assertEquals(List.of("no completed purge in the last three days"),
                unpurged.attention(Instant.parse("2026-12-01T12:00:00Z"), threeDays));
    }
}
