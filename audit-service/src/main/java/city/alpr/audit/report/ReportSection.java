package city.alpr.audit.report;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One part of the compliance report: what the policy and the law require, the live evidence that it is done, and
 * what needs attention.
 *
 * @param requirements the requirement ids it covers (R1-R26)
 * @param policy where the policy in force requires it, if it does
 * @param law where the law requires it, if it does
 * @param attention what the evidence shows is not as required; empty when in order
 */
@Schema(description = "A section of the compliance report with its live evidence")
public record ReportSection(String id, String title, List<String> requirements, String policy, String law,
        Evidence evidence, List<String> attention) {
}
