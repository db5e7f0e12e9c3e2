package city.alpr.common.audit;

import java.util.Locale;
import java.util.Map;

/**
 * One entry of the access log (R16): what was done or refused, by whom, why, with which data elements, and how
 * many records it touched. Time, sequence and chain hash are assigned by the database when it is appended.
 *
 * @param action what was attempted, e.g. {@code read.search}, {@code hotlist.entry.add}
 * @param dataElements the query or change as submitted (plate queried, time range, cameras, fields changed)
 * @param target the record acted on, if one (a read, alert, export or hotlist id)
 * @param reason for a refusal, why; otherwise optional context
 */
public record AuditRecord(String action, Outcome outcome, Actor actor, String purpose, String caseNumber,
        Map<String, Object> dataElements, Integer resultCount, String target, String reason, String clientAddress) {

    public enum Outcome {
        GRANTED,
        REFUSED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static AuditRecord granted(String action, Actor actor, String purpose, String caseNumber,
            Map<String, Object> dataElements, Integer resultCount, String target, String clientAddress) {
        return new AuditRecord(action, Outcome.GRANTED, actor, purpose, caseNumber, dataElements, resultCount, target,
                null, clientAddress);
    }

    public static AuditRecord refused(String action, Actor actor, String purpose, String caseNumber,
            Map<String, Object> dataElements, String target, String reason, String clientAddress) {
        return new AuditRecord(action, Outcome.REFUSED, actor, purpose, caseNumber, dataElements, 0, target, reason,
                clientAddress);
    }
}
