package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The evidence, section by section, that the policy in force is carried out (R18). */
@Schema(description = "The compliance report: live evidence per policy section")
public record ComplianceReport(Instant generatedAt, String policyProfile, String policyTitle, List<ReportSection> sections) {
}
