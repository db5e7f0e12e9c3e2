package city.alpr.ingest.apikeys;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.ingest.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Turns an accepted API key into its gateway: the caller is the gateway (its OIDC client id, as a gateway's token
 * names it), in the role {@code camera-gateway}, so everything it stores is attributed to the gateway exactly as with
 * a token. A revoked, expired or unknown key is refused.
 */
@ApplicationScoped
class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {

    private static final String GATEWAY_ROLE = "camera-gateway";

    private final Pool pool;
    private final ApiKeyStore store;
    private final Duration useResolution;
    private final Counter refused;

    ApiKeyIdentityProvider(Pool pool, ApiKeyStore store, IngestConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.store = store;
        this.useResolution = config.integrations().keyUseResolution();
        this.refused = meters.counter("alpr.ingest.api-keys.refused");
    }

    @Override
    public Class<ApiKeyCredential> getRequestType() {
        return ApiKeyCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyCredential credential, AuthenticationRequestContext context) {
        return store.active(pool, credential.key()).chain(found -> {
            if (found.isEmpty()) {
                refused.increment();
                return Uni.createFrom().failure(
                        new AuthenticationFailedException("the API key is unknown, revoked or expired"));
            }
            ApiKeyStore.ActiveKey key = found.get();
            SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.gatewayId()))
                    .addRole(GATEWAY_ROLE)
                    .build();
            boolean usedLately = key.lastUsedAt() != null
                    && key.lastUsedAt().toInstant().isAfter(Instant.now().minus(useResolution));
            return usedLately ? Uni.createFrom().item(identity)
                    : store.recordUse(pool, key.id(), useResolution).replaceWith(identity);
        });
    }
}
