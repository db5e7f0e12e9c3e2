package city.alpr.audit.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import city.alpr.audit.AuditConfig;

/**
 * Sharing only with registered state or local agencies, never sold (R14, R15, R34).
 *
 * @param recipientsLast30Days the agencies shared with, by name
 * @param sharedOutsidePublicAgencies whether data was ever shared with an agency that is not a state or local
 *        agency; not shown
 */
public record SharingEvidence(long activeAgencies, List<Recipient> recipientsLast30Days,
        @JsonIgnore boolean sharedOutsidePublicAgencies) implements Evidence {

    public record Recipient(String agency, long shares, long reads) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        return sharedOutsidePublicAgencies
                ? List.of("data was shared with an agency that is not a state or local agency")
                : List.of();
    }
}
