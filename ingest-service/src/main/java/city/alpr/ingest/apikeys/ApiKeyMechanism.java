package city.alpr.ingest.apikeys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes a gateway's API key from the header its camera engine can send (R27), and only on the integration endpoints:
 * anywhere else a key is not a credential at all, and the OIDC bearer token stays the only way in. The engines differ
 * in what they can send, so each of these carries the key:
 * <ul>
 * <li>{@code X-Api-Key: <key>} (ALPR-Database's receiver, most webhook senders' custom header);
 * <li>{@code Authorization: Token <key>} (Plate Recognizer Stream's {@code webhook_header}), or {@code ApiKey} or
 * {@code Bearer} as the scheme;
 * <li>{@code Authorization: Basic} with the key as the password (Axis push user and password; an engine that takes
 * only a URL, such as the OpenALPR agent's {@code upload_address}, sends the URL's user information this way).
 * </ul>
 * A request presenting two different keys is refused rather than guessed at.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    /** The scheme the integration endpoints select with {@code @HttpAuthenticationMechanism}. */
    public static final String SCHEME = "api-key";
    private static final String INTEGRATION_PATHS = "/v1/integrations/";
    private static final HttpCredentialTransport TRANSPORT = new HttpCredentialTransport(
            HttpCredentialTransport.Type.AUTHORIZATION, SCHEME);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!context.normalizedPath().startsWith(INTEGRATION_PATHS)) {
            return Uni.createFrom().nullItem();
        }
        Set<String> presented = presentedKeys(context);
        if (presented.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (presented.size() > 1) {
            return Uni.createFrom().failure(new AuthenticationFailedException("more than one API key presented"));
        }
        String key = presented.iterator().next();
        if (!ApiKeySecret.looksLikeAKey(key)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an API key"));
        }
        return identities.authenticate(new ApiKeyCredential(new ApiKeySecret(key)));
    }

    private static Set<String> presentedKeys(RoutingContext context) {
        Set<String> keys = new LinkedHashSet<>();
        context.request().headers().getAll("X-Api-Key").forEach(key -> keys.add(key.strip()));
        for (String authorization : context.request().headers().getAll("Authorization")) {
            int space = authorization.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
            String value = authorization.substring(space + 1).strip();
            switch (scheme) {
                case "token", "apikey", "bearer" -> keys.add(value);
                case "basic" -> keys.add(basicPassword(value));
                default -> {
                    // another scheme is no key of ours
                }
            }
        }
        return keys;
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return context.normalizedPath().startsWith(INTEGRATION_PATHS)
                ? Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "ApiKey"))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyCredential.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(TRANSPORT);
    }
}
