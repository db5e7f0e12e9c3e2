package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each way the browser's addresses can disagree between the settings, Keycloak and the services is refused. */
class BrowserAddressAgreementTest {

    private static final String SERVICE = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %s
              namespace: alpr
            spec:
              template:
                spec:
                  containers:
                    - name: %<s
                      env:
                        - name: QUARKUS_HTTP_CORS_ORIGINS
                          valueFrom:
                            configMapKeyRef:
                              name: alpr-settings
                              key: console-origin
            """;

    private static final String ADDRESSES = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: alpr-settings
              namespace: alpr
            data:
              console-origin: https://console.alpr.example
              public-realm-url: https://auth.alpr.example/realms/alpr
            ---
            apiVersion: k8s.keycloak.org/v2alpha1
            kind: Keycloak
            metadata:
              name: alpr-keycloak
              namespace: alpr
            spec:
              hostname:
                hostname: https://auth.alpr.example
            ---
            apiVersion: k8s.keycloak.org/v2alpha1
            kind: KeycloakRealmImport
            metadata:
              name: alpr-realm
              namespace: alpr
            spec:
              keycloakCRName: alpr-keycloak
              realm:
                realm: alpr
                clients:
                  - clientId: gateway-east
                  - clientId: alpr-web
                    redirectUris:
                      - https://console.alpr.example/*
                    webOrigins:
                      - https://console.alpr.example
            """ + SERVICE.formatted("ingest-service") + SERVICE.formatted("query-service")
            + SERVICE.formatted("audit-service");

    @Test
    void acceptsAgreeingAddresses() {
        assertEquals(List.of(), BrowserAddressAgreement.problems(addresses()));
    }

    @Test
    void acceptsALocalConsoleOnAnyPortOfARedirectUriAndAKeycloakHostnameEndingInASlash() {
        List<Manifest> addresses = addresses();
        settings(addresses).put("console-origin", "http://localhost:8085")
                .put("public-realm-url", "http://localhost:8180/realms/alpr");
        consoleClient(addresses).putArray("redirectUris").add("http://127.0.0.1:*").add("http://localhost:*");
        consoleClient(addresses).putArray("webOrigins").add("http://localhost:8085");
        ((ObjectNode) kind(addresses, "Keycloak").body().at("/spec/hostname"))
                .put("hostname", "http://localhost:8180/");

        assertEquals(List.of(), BrowserAddressAgreement.problems(addresses));
    }

    @Test
    void refusesAConsoleOriginThatIsNotAmongTheConsoleClientsWebOriginsExactly() {
        List<Manifest> addresses = addresses();
        consoleClient(addresses).putArray("webOrigins").add("https://console.alpr.example:443");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "client alpr-web: webOrigins [\"https://console.alpr.example:443\"] do not include console-origin");
    }

    @Test
    void refusesAConsoleOriginNoRedirectUriAdmits() {
        List<Manifest> addresses = addresses();
        consoleClient(addresses).putArray("redirectUris").add("https://console.alpr.example/callback")
                .add("https://web.alpr.example/*");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "client alpr-web: no redirectUri of [\"https://console.alpr.example/callback\"");
    }

    @Test
    void refusesAPortWildcardOfAnotherHost() {
        List<Manifest> addresses = addresses();
        settings(addresses).put("console-origin", "http://localhost:8085");
        consoleClient(addresses).putArray("redirectUris").add("http://127.0.0.1:*");
        consoleClient(addresses).putArray("webOrigins").add("http://localhost:8085");

        assertHas(BrowserAddressAgreement.problems(addresses), "admits http://localhost:8085/");
    }

    @Test
    void refusesAConsoleOriginWithAPath() {
        List<Manifest> addresses = addresses();
        settings(addresses).put("console-origin", "https://console.alpr.example/");
        consoleClient(addresses).putArray("webOrigins").add("https://console.alpr.example/");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "console-origin 'https://console.alpr.example/' is not an origin");
    }

    @Test
    void refusesARealmUrlThatIsNotTheRealmAtKeycloaksHostname() {
        List<Manifest> addresses = addresses();
        settings(addresses).put("public-realm-url", "https://login.alpr.example/realms/alpr");

        assertHas(BrowserAddressAgreement.problems(addresses), "public-realm-url"
                + " 'https://login.alpr.example/realms/alpr' is not Keycloak's issuer"
                + " 'https://auth.alpr.example/realms/alpr'");
    }

    @Test
    void refusesARealmUrlNamingAnotherRealm() {
        List<Manifest> addresses = addresses();
        ((ObjectNode) kind(addresses, "KeycloakRealmImport").body().at("/spec/realm")).put("realm", "city");

        assertHas(BrowserAddressAgreement.problems(addresses), "is not Keycloak's issuer"
                + " 'https://auth.alpr.example/realms/city'");
    }

    @Test
    void refusesAKeycloakHostnameThatIsNotAFullUrl() {
        List<Manifest> addresses = addresses();
        ((ObjectNode) kind(addresses, "Keycloak").body().at("/spec/hostname")).put("hostname", "auth.alpr.example");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "Keycloak spec.hostname.hostname 'auth.alpr.example' is not a full URL");
    }

    @Test
    void refusesAServiceWhoseCorsOriginIsWrittenOutInsteadOfTakenFromTheConsoleOrigin() {
        List<Manifest> addresses = addresses();
        ObjectNode corsOrigins = (ObjectNode) deployment(addresses, "query-service")
                .body().at("/spec/template/spec/containers/0/env/0");
        corsOrigins.remove("valueFrom");
        corsOrigins.put("value", "https://console.alpr.example");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "Deployment/query-service: container query-service QUARKUS_HTTP_CORS_ORIGINS does not come from"
                        + " alpr-settings console-origin");
    }

    @Test
    void refusesAServiceWhoseCorsOriginComesFromAnotherKey() {
        List<Manifest> addresses = addresses();
        ((ObjectNode) deployment(addresses, "audit-service").body()
                .at("/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef"))
                .put("key", "public-audit-url");

        assertHas(BrowserAddressAgreement.problems(addresses),
                "Deployment/audit-service: container audit-service QUARKUS_HTTP_CORS_ORIGINS does not come from");
    }

    @Test
    void refusesAServiceWithoutACorsOrigin() {
        List<Manifest> addresses = addresses();
        ((ArrayNode) deployment(addresses, "ingest-service").body().at("/spec/template/spec/containers/0/env"))
                .removeAll();

        assertHas(BrowserAddressAgreement.problems(addresses),
                "QUARKUS_HTTP_CORS_ORIGINS does not come from alpr-settings console-origin (not set)");
    }

    private static List<Manifest> addresses() {
        return RenderedManifests.parse("test", ADDRESSES);
    }

    private static ObjectNode settings(List<Manifest> addresses) {
        return (ObjectNode) kind(addresses, "ConfigMap").body().path("data");
    }

    private static ObjectNode consoleClient(List<Manifest> addresses) {
        return (ObjectNode) kind(addresses, "KeycloakRealmImport").body().at("/spec/realm/clients/1");
    }

    private static Manifest deployment(List<Manifest> addresses, String name) {
        return addresses.stream().filter(manifest -> manifest.kind().equals("Deployment"))
                .filter(manifest -> manifest.name().equals(name)).findFirst().orElseThrow();
    }

    private static Manifest kind(List<Manifest> addresses, String kind) {
        return addresses.stream().filter(manifest -> manifest.kind().equals(kind)).findFirst().orElseThrow();
    }
}
