package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.audit.AuditConfig;

/** The live evidence of one section of the compliance report, and what in it needs attention. */
@Schema(oneOf = { RetentionEvidence.class, AccessLogEvidence.class, PurposeEvidence.class, TrainingEvidence.class,
        AccessControlEvidence.class, ExportEvidence.class, SharingEvidence.class, HotlistEvidence.class,
        AuditEvidence.class, BreachEvidence.class })
public sealed interface Evidence permits RetentionEvidence, AccessLogEvidence, PurposeEvidence, TrainingEvidence,
        AccessControlEvidence, ExportEvidence, SharingEvidence, HotlistEvidence, AuditEvidence, BreachEvidence {

    /** What the evidence shows is not as required at {@code now}; empty when in order. */
    List<String> attention(Instant now, AuditConfig.Report limits);
}
