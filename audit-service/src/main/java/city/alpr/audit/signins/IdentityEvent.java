package city.alpr.audit.signins;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditRecord;
import io.vertx.core.json.JsonObject;

/**
 * One of Keycloak's events, as the access log records it (CJIS 5.4.1.1): a person's or a client's (a sign-in, failed
 * or not, a sign-out, a credential changed) or an administrator's (a user, role or client created, changed or
 * removed). A failed one is recorded as refused, with Keycloak's error as the reason.
 *
 * @param id Keycloak's id of the event
 * @param type Keycloak's event type ({@code LOGIN}, {@code LOGIN_ERROR}, {@code UPDATE_CREDENTIAL} ...) or, for an
 *        administrator's event, its operation ({@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code ACTION})
 * @param realmId the realm the person or administrator signed in to
 * @param clientId the client they signed in with: its client id for a person's event, Keycloak's internal id of it for
 *        an administrator's
 * @param details what Keycloak says of the event besides (the credential type, the resource an administrator changed)
 */
public record IdentityEvent(Kind kind, String id, Instant time, String type, String realmId, String userId,
        String username, String clientId, String ipAddress, String error, Map<String, String> details) {

    /** Details the log leaves out: addresses and codes of the sign-in's redirect, and the username, kept beside. */
    private static final Set<String> UNRECORDED_DETAILS = Set.of("redirect_uri", "code_id", "username", "response_type",
            "response_mode", "consent", "token_id", "refresh_token_id");
    private static final int MOST_DETAILS = 20;
    private static final int LONGEST_DETAIL = 200;

    public enum Kind {
        /** A person's or a client's own event: Keycloak's {@code /events}. */
        USER,
        /** An administrator's change to the realm: Keycloak's {@code /admin-events}. */
        ADMIN;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An event of Keycloak's {@code EventRepresentation}. */
    static IdentityEvent ofUserEvent(JsonObject event) {
        Map<String, String> details = new LinkedHashMap<>();
        JsonObject given = event.getJsonObject("details", new JsonObject());
        for (String name : given.fieldNames()) {
            if (!UNRECORDED_DETAILS.contains(name) && details.size() < MOST_DETAILS) {
                details.put(name, bounded(String.valueOf(given.getValue(name))));
            }
        }
        return new IdentityEvent(Kind.USER, idOf(event), Instant.ofEpochMilli(event.getLong("time")),
                event.getString("type"), event.getString("realmId"), event.getString("userId"),
                given.getString("username"), event.getString("clientId"), event.getString("ipAddress"),
                event.getString("error"), details);
    }

    /** An event of Keycloak's {@code AdminEventRepresentation}; its representation (the new state) is not kept. */
    static IdentityEvent ofAdminEvent(JsonObject event) {
        JsonObject by = event.getJsonObject("authDetails", new JsonObject());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("resourceType", event.getString("resourceType"));
        details.put("resourcePath", bounded(event.getString("resourcePath")));
        details.values().removeIf(value -> value == null);
        return new IdentityEvent(Kind.ADMIN, idOf(event), Instant.ofEpochMilli(event.getLong("time")),
                event.getString("operationType"), by.getString("realmId"), by.getString("userId"), null,
                by.getString("clientId"), by.getString("ipAddress"), event.getString("error"), details);
    }

    /** Whether the username is Keycloak's own (a sign-in names the user it tried) or must be looked up by id. */
    boolean namesItsUser() {
        return username != null && !username.isBlank();
    }

    /**
     * The access log's record of the event: {@code identity.login}, {@code identity.update-credential},
     * {@code identity.admin.update} ..., under the username that acted or tried to.
     *
     * @param actor the username, looked up where the event names only the user's id
     */
    AuditRecord auditRecord(String actor) {
        String action = switch (kind) {
            case USER -> "identity." + kebab(type.endsWith("_ERROR") ? type.substring(0, type.length() - 6) : type);
            case ADMIN -> "identity.admin." + type.toLowerCase(Locale.ROOT);
        };
        Map<String, Object> elements = new LinkedHashMap<>(details);
        elements.put("keycloakEvent", id);
        elements.put("eventTime", time.toString());
        if (clientId != null) {
            elements.put(kind == Kind.USER ? "client" : "adminClient", clientId);
        }
        Actor who = new Actor(actor, null, null);
        String target = kind == Kind.ADMIN ? details.get("resourcePath") : userId;
        return error == null
                ? AuditRecord.granted(action, who, null, null, elements, null, target, ipAddress)
                : AuditRecord.refused(action, who, null, null, elements, target, bounded(error), ipAddress);
    }

    private static String kebab(String type) {
        return type.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String bounded(String value) {
        return value == null || value.length() <= LONGEST_DETAIL ? value : value.substring(0, LONGEST_DETAIL);
    }

    private static String idOf(JsonObject event) {
        String id = event.getString("id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("Keycloak returned an event without an id");
        }
        return id;
    }
}
