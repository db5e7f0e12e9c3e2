package city.alpr.audit.access;

import java.util.Set;

import city.alpr.common.policy.Role;

/** Who may use this service's records. */
public final class Staff {

    /** Compliance staff and the custodian: who reads the log, the governance records and the reports. */
    public static final Set<Role> OVERSIGHT = Set.of(Role.COMPLIANCE_AUDITOR, Role.CITY_MANAGER);
    /** The custodian (the City Manager): who keeps the governance records and breach notices. */
    public static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);
    /** Compliance staff: who run audits, record findings and sign checkpoints. */
    public static final Set<Role> AUDITORS = Set.of(Role.COMPLIANCE_AUDITOR);

    private Staff() {
    }
}
