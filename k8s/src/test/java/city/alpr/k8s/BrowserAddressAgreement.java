package city.alpr.k8s;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The addresses the browser uses agree wherever they are named: the console's origin ({@code console-origin} in
 * {@code alpr-settings}) is a web origin of the realm's console client, Keycloak sends the browser back to it after
 * sign-in, and ingest-, query- and audit-service admit it for CORS from that same key; {@code public-realm-url} is
 * the realm at Keycloak's public hostname, the issuer its tokens carry.
 */
final class BrowserAddressAgreement {

    private static final String SETTINGS = "alpr-settings";
    private static final String CONSOLE_ORIGIN = "console-origin";
    private static final String PUBLIC_REALM_URL = "public-realm-url";
    private static final String CONSOLE_CLIENT = "alpr-web";
    private static final String CORS_ORIGINS = "QUARKUS_HTTP_CORS_ORIGINS";
    private static final List<String> SERVICES_CALLED_FROM_THE_CONSOLE = List.of("ingest-service", "query-service",
            "audit-service");

    private BrowserAddressAgreement() {
    }

    static List<String> problems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Optional<JsonNode> settings = only(manifests, "ConfigMap", SETTINGS, problems);
        Optional<JsonNode> realmImport = only(manifests, "KeycloakRealmImport", null, problems);
        if (settings.isPresent() && realmImport.isPresent()) {
            String consoleOrigin = settings.get().at("/data/" + CONSOLE_ORIGIN).asText();
            consoleOriginIsAnOrigin(consoleOrigin, problems);
            consoleClientAdmits(realmImport.get(), consoleOrigin, problems);
            String keycloakName = realmImport.get().at("/spec/keycloakCRName").asText();
            only(manifests, "Keycloak", keycloakName, problems).ifPresent(keycloak -> realmUrlIsTheIssuer(
                    settings.get().at("/data/" + PUBLIC_REALM_URL).asText(), keycloak,
                    realmImport.get().at("/spec/realm/realm").asText(), problems));
        }
        servicesAdmitTheConsoleOrigin(manifests, problems);
        return problems;
    }

    /** Browsers send an origin (scheme, host, port) and CORS compares it as text: a path or a slash never matches. */
    private static void consoleOriginIsAnOrigin(String consoleOrigin, List<String> problems) {
        Optional<URI> uri = parse(consoleOrigin);
        boolean origin = uri.isPresent() && uri.get().getHost() != null && uri.get().getRawPath().isEmpty()
                && uri.get().getRawUserInfo() == null && uri.get().getRawQuery() == null
                && uri.get().getRawFragment() == null
                && List.of("http", "https").contains(uri.get().getScheme());
        if (!origin) {
            problems.add(SETTINGS + " " + CONSOLE_ORIGIN + " '" + consoleOrigin
                    + "' is not an origin (scheme://host[:port], nothing after it)");
        }
    }

    private static void consoleClientAdmits(JsonNode realmImport, String consoleOrigin, List<String> problems) {
        JsonNode client = element(realmImport.at("/spec/realm/clients"), "clientId", CONSOLE_CLIENT);
        if (client.isMissingNode()) {
            problems.add("the realm import has no client " + CONSOLE_CLIENT);
            return;
        }
        if (!texts(client.path("webOrigins")).contains(consoleOrigin)) {
            problems.add("client " + CONSOLE_CLIENT + ": webOrigins " + client.path("webOrigins") + " do not include "
                    + CONSOLE_ORIGIN + " " + consoleOrigin);
        }
        // the console's redirect URI is its origin followed by "/" (web-console's auth.js)
        String consoleRedirect = consoleOrigin + "/";
        if (texts(client.path("redirectUris")).stream().noneMatch(allowed -> redirectMatches(allowed,
                consoleRedirect))) {
            problems.add("client " + CONSOLE_CLIENT + ": no redirectUri of " + client.path("redirectUris")
                    + " admits " + consoleRedirect);
        }
    }

    /**
     * Keycloak's rule: a valid redirect URI ending in {@code *} admits every URI starting with what precedes the
     * {@code *} (so {@code https://host/*} any path, {@code http://localhost:*} any port); any other must be equal.
     */
    private static boolean redirectMatches(String allowed, String redirect) {
        return allowed.endsWith("*")
                ? redirect.startsWith(allowed.substring(0, allowed.length() - 1))
                : allowed.equals(redirect);
    }

    /**
     * The tokens' issuer is the realm at Keycloak's hostname, which the overlays give as a full URL. A bare host
     * would let each request's scheme and port decide the issuer, which no setting here could be checked against.
     */
    private static void realmUrlIsTheIssuer(String realmUrl, JsonNode keycloak, String realm,
            List<String> problems) {
        String hostname = keycloak.at("/spec/hostname/hostname").asText();
        Optional<URI> uri = parse(hostname);
        if (uri.isEmpty() || uri.get().getScheme() == null || uri.get().getHost() == null) {
            problems.add("Keycloak spec.hostname.hostname '" + hostname + "' is not a full URL (scheme://host)");
            return;
        }
        String issuer = hostname.replaceAll("/+$", "") + "/realms/" + realm;
        if (!realmUrl.equals(issuer)) {
            problems.add(SETTINGS + " " + PUBLIC_REALM_URL + " '" + realmUrl + "' is not Keycloak's issuer '"
                    + issuer + "'");
        }
    }

    private static void servicesAdmitTheConsoleOrigin(List<Manifest> manifests, List<String> problems) {
        for (String service : SERVICES_CALLED_FROM_THE_CONSOLE) {
            Optional<JsonNode> deployment = only(manifests, "Deployment", service, problems);
            if (deployment.isEmpty()) {
                continue;
            }
            for (JsonNode container : deployment.get().at("/spec/template/spec/containers")) {
                JsonNode corsOrigins = element(container.path("env"), "name", CORS_ORIGINS);
                JsonNode reference = corsOrigins.at("/valueFrom/configMapKeyRef");
                boolean fromConsoleOrigin = !corsOrigins.has("value")
                        && reference.path("name").asText().equals(SETTINGS)
                        && reference.path("key").asText().equals(CONSOLE_ORIGIN);
                if (!fromConsoleOrigin) {
                    problems.add("Deployment/" + service + ": container " + container.path("name").asText() + " "
                            + CORS_ORIGINS + " does not come from " + SETTINGS + " " + CONSOLE_ORIGIN + " ("
                            + (corsOrigins.isMissingNode() ? "not set" : corsOrigins) + ")");
                }
            }
        }
    }

    /** The array's element whose field has the value, or a missing node. */
    private static JsonNode element(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asText().equals(value)) {
                return element;
            }
        }
        return MissingNode.getInstance();
    }

    /** The one object of the kind (with the name, when one is given), or a problem saying what was found. */
    private static Optional<JsonNode> only(List<Manifest> manifests, String kind, String name,
            List<String> problems) {
        List<Manifest> found = manifests.stream().filter(manifest -> manifest.kind().equals(kind))
                .filter(manifest -> name == null || manifest.name().equals(name)).toList();
        if (found.size() != 1) {
            problems.add("expected one " + kind + (name == null ? "" : " " + name) + ", found " + found);
            return Optional.empty();
        }
        return Optional.of(found.getFirst().body());
    }

    private static Optional<URI> parse(String address) {
        try {
            return Optional.of(new URI(address));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
