package city.alpr.common.access;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import city.alpr.common.policy.Role;

/**
 * An attempted access, as the {@link Gate} judges and logs it.
 *
 * @param action the access-log action, e.g. {@code read.search}
 * @param roles the roles that may perform it at all
 * @param needsPurpose whether it touches read data and so must state a purpose from the policy (R9)
 * @param purpose the stated purpose, if any
 * @param caseNumber the stated case number, if any
 * @param alertId the hotlist alert the access answers, for a purpose that answers one (R29)
 * @param reads the reads the access reaches, when it names them (a view, an export); null for a search,
 *        which finds its reads
 * @param dataElements what was asked for, recorded in the log (plate queried, time range, cameras...)
 * @param target the record acted on, if one
 */
public record Access(String action, Set<Role> roles, boolean needsPurpose, String purpose, String caseNumber,
        UUID alertId, List<UUID> reads, Map<String, Object> dataElements, String target) {

    /** An access to read data: needs a purpose, and a case number or an alert where the purpose does. */
    public static Access toReadData(String action, Set<Role> roles, String purpose, String caseNumber, UUID alertId,
            List<UUID> reads, Map<String, Object> dataElements, String target) {
        return new Access(action, roles, true, purpose, caseNumber, alertId, reads, dataElements, target);
    }

    /**
     * An access that concerns one case (filing a law-enforcement request, watching a plate for it): logged under
     * that case number, so that searching the log by case finds it, and judged like read data when it states the
     * purpose it serves.
     */
    public static Access toCaseRecords(String action, Set<Role> roles, String purpose, String caseNumber,
            Map<String, Object> dataElements, String target) {
        return new Access(action, roles, purpose != null, purpose, caseNumber, null, List.of(), dataElements, target);
    }

    /**
     * An access to records that are not read data (the log, governance records, the camera registry, hotlists,
     * requests): judged by role, logged, but without a stated purpose.
     */
    public static Access toRecords(String action, Set<Role> roles, Map<String, Object> dataElements, String target) {
        return new Access(action, roles, false, null, null, null, List.of(), dataElements, target);
    }
}
