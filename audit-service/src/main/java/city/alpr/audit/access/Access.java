package city.alpr.audit.access;

import java.util.Map;
import java.util.Set;

import city.alpr.common.policy.Role;

/**
 * An attempted access to the log or to governance records, as the gate judges and logs it.
 *
 * @param action       the access-log action, e.g. {@code audit.log.search}
 * @param roles        the roles that may perform it
 * @param dataElements what was asked for or changed, recorded in the log
 * @param target       the record acted on, if one
 */
public record Access(String action, Set<Role> roles, Map<String, Object> dataElements, String target) {

    /** Compliance staff and the custodian: who reads the log, the governance records and the reports. */
    public static final Set<Role> OVERSIGHT = Set.of(Role.COMPLIANCE_AUDITOR, Role.CITY_MANAGER);
    /** The custodian (the City Manager): who keeps the governance records and breach notices. */
    public static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);
    /** Compliance staff: who run audits, record findings and sign checkpoints. */
    public static final Set<Role> AUDITORS = Set.of(Role.COMPLIANCE_AUDITOR);
}
