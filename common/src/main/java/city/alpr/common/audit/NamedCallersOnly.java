package city.alpr.common.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a valid token that names no user ({@code quarkus.oidc.token.principal-claim}): every access is logged under
 * the username it was made by (R16), so a caller the log cannot name is not authenticated (401) rather than a request
 * that fails once it reaches the log.
 */
@ApplicationScoped
public class NamedCallersOnly implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
        if (name == null || name.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token names no user"));
        }
        return Uni.createFrom().item(identity);
    }
}
