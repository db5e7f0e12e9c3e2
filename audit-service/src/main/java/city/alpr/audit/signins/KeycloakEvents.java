package city.alpr.audit.signins;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.AuditConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Keycloak's admin API, as the audit service's own client ({@code alpr-audit-events}, a service account holding
 * realm-management's {@code view-events} and {@code view-users}, nothing that changes the realm) reads it: the
 * realm's events newest first, and the username of a user id. An event store that keeps events a fixed time is
 * read a page at a time; events that arrive while it is read push the older ones to later pages, so a page may
 * repeat an event, never skip one.
 */
@ApplicationScoped
class KeycloakEvents {

    private static final int MOST_USERNAMES_KEPT = 1000;
    /** A token is renewed this long before Keycloak says it expires. */
    private static final long TOKEN_MARGIN_SECONDS = 30;

    private final AuditConfig.IdentityEvents config;
    private final WebClient client;
    private final Map<String, String> usernames = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MOST_USERNAMES_KEPT;
        }
    });
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
    }

    KeycloakEvents(Vertx vertx, AuditConfig config) {
        this.config = config.identityEvents();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) this.config.timeout().toMillis()).setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The events of one kind at or after {@code from}, or all Keycloak still keeps where {@code from} is null,
     * newest first as Keycloak returns them.
     */
    Uni<List<IdentityEvent>> since(IdentityEvent.Kind kind, Instant from) {
        return page(kind, from, 0, new ArrayList<>());
    }

    /** The username of a user of the realm; null where the realm has no such user (an administrator of another realm). */
    Uni<String> username(String userId) {
        String known = usernames.get(userId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return authorized("/users/" + encoded(userId))
                .chain(HttpRequest::send)
                .map(response -> {
                    if (response.statusCode() == 404) {
                        return null;
                    }
                    String username = ok(response, "user").toJsonObject().getString("username");
                    usernames.put(userId, username);
                    return username;
                });
    }

    private Uni<List<IdentityEvent>> page(IdentityEvent.Kind kind, Instant from, int first, List<IdentityEvent> found) {
        String resource = kind == IdentityEvent.Kind.USER ? "/events" : "/admin-events";
        return authorized(resource + "?direction=desc&first=" + first + "&max=" + config.pageSize())
                .chain(HttpRequest::send)
                .chain(response -> {
                    JsonArray events = ok(response, "events").toJsonArray();
                    boolean older = false;
                    for (int index = 0; index < events.size(); index++) {
                        JsonObject event = events.getJsonObject(index);
                        IdentityEvent parsed = kind == IdentityEvent.Kind.USER ? IdentityEvent.ofUserEvent(event)
                                : IdentityEvent.ofAdminEvent(event);
                        if (from != null && parsed.time().isBefore(from)) {
                            older = true;
                        } else {
                            found.add(parsed);
                        }
                    }
                    return older || events.size() < config.pageSize() ? Uni.createFrom().item(found)
                            : page(kind, from, first + events.size(), found);
                });
    }

    private Uni<HttpRequest<Buffer>> authorized(String path) {
        return accessToken().map(bearer -> client.getAbs(base() + "/admin/realms/" + encoded(config.realm()) + path)
                .bearerTokenAuthentication(bearer).timeout(config.timeout().toMillis()));
    }

    private String base() {
        return config.keycloakUrl().orElseThrow().replaceAll("/+$", "");
    }

    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private Uni<String> accessToken() {
        Token current = token;
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return Uni.createFrom().item(current.value());
        }
        String endpoint = base() + "/realms/" + encoded(config.realm()) + "/protocol/openid-connect/token";
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials").add("client_id", config.clientId())
                .add("client_secret", config.clientSecret().orElseThrow(() -> new IllegalStateException(
                        "alpr.identity-events.client-secret is not set")));
        return client.postAbs(endpoint).timeout(config.timeout().toMillis()).sendForm(form).map(response -> {
            JsonObject issued = ok(response, "token").toJsonObject();
            Token fresh = new Token(issued.getString("access_token"),
                    Instant.now().plusSeconds(Math.max(0, issued.getLong("expires_in", 60L) - TOKEN_MARGIN_SECONDS)));
            token = fresh;
            return fresh.value();
        });
    }

    private Buffer ok(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() == 401) {
            token = null;
        }
        if (response.statusCode() != 200 || response.body() == null) {
            throw new IllegalStateException("Keycloak refused the " + what + " request: HTTP " + response.statusCode());
        }
        return response.body();
    }
}
