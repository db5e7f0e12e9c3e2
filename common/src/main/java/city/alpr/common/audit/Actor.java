package city.alpr.common.audit;

import java.util.Optional;

import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.Role;
import io.quarkus.security.identity.SecurityIdentity;

/** Who acted: the authenticated username, the agency they act for and the role they acted in. */
public record Actor(String username, String agency, String role) {

    /**
     * The caller as the access log records them: the strongest role they hold and the agency the policy says that
     * role acts for; a caller with none of the people's roles (a gateway) is recorded with the roles it has.
     */
    public static Actor of(SecurityIdentity identity, PolicyProfile policy) {
        Optional<Role> held = Role.of(identity);
        return new Actor(identity.getPrincipal().getName(), held.map(policy::agencyOf).orElse(null),
                held.map(Role::claim).orElse(String.join(",", identity.getRoles())));
    }

    /** Whether they acted in this role. */
    public boolean actsAs(Role role) {
        return role.claim().equals(this.role);
    }
}
