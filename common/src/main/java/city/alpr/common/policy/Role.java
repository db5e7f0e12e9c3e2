package city.alpr.common.policy;

import java.util.List;
import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;

/** The realm roles of people who use this service (R8), strongest first: a user holding two acts in the first. */
public enum Role {
    CITY_MANAGER("city-manager"),
    SHERIFF_OFFICER("sheriff-officer"),
    CONTRACTOR("contractor"),
    COMPLIANCE_AUDITOR("compliance-auditor");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    /** The role a realm role claim names, as a policy profile lists them. */
    public static Optional<Role> ofClaim(String claim) {
        return List.of(values()).stream().filter(role -> role.claim.equals(claim)).findFirst();
    }

    /** The strongest of the roles this identity holds. */
    public static Optional<Role> of(SecurityIdentity identity) {
        return List.of(values()).stream().filter(role -> identity.hasRole(role.claim)).findFirst();
    }
}
