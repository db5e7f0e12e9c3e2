package city.alpr.audit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import city.alpr.audit.AuditConfig;

/**
 * Breaches are noticed publicly and notified (R24).
 *
 * @param noticesPosted incidents whose notice is up now
 * @param withoutNotice incidents whose notice was never posted
 * @param withoutMediaOrStateNotification incidents not notified to both the media and the state Office of
 *        Information Security
 */
public record BreachEvidence(long incidents, long noticesPosted, long withoutNotice, long withoutMediaOrStateNotification)
        implements
            Evidence {

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        List<String> attention = new ArrayList<>();
        if (withoutNotice > 0) {
            attention.add("an incident has no public notice");
        }
        if (withoutMediaOrStateNotification > 0) {
            attention.add("an incident has not been notified to the media and the Office of Information Security");
        }
        return attention;
    }
}
