package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The realm agreement check finds every way a realm import can drift from the local stack's realm. */
class RealmAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LOCAL_STACK_REALM = """
            {
              "realm": "alpr",
              "sslRequired": "external",
              "roles": { "realm": [ { "name": "camera-gateway", "description": "A camera gateway" } ] },
              "clients": [
                { "clientId": "alpr-web", "publicClient": true, "directAccessGrantsEnabled": true,
                  "redirectUris": ["http://localhost:*"] },
                { "clientId": "alpr-expiry-probe", "publicClient": true },
                { "clientId": "gateway-east", "publicClient": false, "secret": "@GATEWAY_EAST_SECRET@" }
              ],
              "users": [
                { "username": "service-account-gateway-east", "serviceAccountClientId": "gateway-east",
                  "realmRoles": ["camera-gateway"] },
                { "username": "manager", "credentials": [ { "type": "password", "value": "@PASSWORD_MANAGER@" } ] }
              ]
            }
            """;

    private static final String DEMO_IMPORT = """
            {
              "spec": {
                "placeholders": {
                  "GATEWAY_EAST_SECRET": { "secret": { "name": "alpr-gateway-clients", "key": "gateway-east" } },
                  "PASSWORD_MANAGER": { "secret": { "name": "alpr-demo-users", "key": "manager" } }
                },
                "realm": {
                  "realm": "alpr",
                  "sslRequired": "external",
                  "roles": { "realm": [ { "name": "camera-gateway", "description": "A camera gateway" } ] },
                  "clients": [
                    { "clientId": "gateway-east", "publicClient": false, "secret": "${GATEWAY_EAST_SECRET}" },
                    { "clientId": "alpr-web", "publicClient": true, "directAccessGrantsEnabled": true,
                      "redirectUris": ["http://localhost:*"] },
                    { "clientId": "alpr-expiry-probe", "publicClient": true }
                  ],
                  "users": [
                    { "username": "manager",
                      "credentials": [ { "type": "password", "value": "${PASSWORD_MANAGER}" } ] },
                    { "username": "service-account-gateway-east", "serviceAccountClientId": "gateway-east",
                      "realmRoles": ["camera-gateway"] }
                  ]
                }
              }
            }
            """;

    private static final String PRODUCTION_IMPORT = """
            {
              "spec": {
                "placeholders": {
                  "GATEWAY_EAST_SECRET": { "secret": { "name": "alpr-gateway-clients", "key": "gateway-east" } }
                },
                "realm": {
                  "realm": "alpr",
                  "sslRequired": "external",
                  "roles": { "realm": [ { "name": "camera-gateway", "description": "A camera gateway" } ] },
                  "clients": [
                    { "clientId": "alpr-web", "publicClient": true, "directAccessGrantsEnabled": false,
                      "redirectUris": ["https://console.alpr.example/*"] },
                    { "clientId": "gateway-east", "publicClient": false, "secret": "${GATEWAY_EAST_SECRET}" }
                  ],
                  "users": [
                    { "username": "service-account-gateway-east", "serviceAccountClientId": "gateway-east",
                      "realmRoles": ["camera-gateway"] }
                  ]
                }
              }
            }
            """;

    @Test
    void acceptsTheLocalStacksRealmWithOperatorPlaceholdersInAnyOrder() {
        assertEquals(List.of(), problems(read(DEMO_IMPORT), RealmAgreement.Scope.DEMO));
    }

    @Test
    void acceptsProductionsRealmWithoutDemoUsersTestClientOrPasswordGrants() {
        assertEquals(List.of(), problems(read(PRODUCTION_IMPORT), RealmAgreement.Scope.PRODUCTION));
    }

    @Test
    void findsAMissingClient() {
        JsonNode realmImport = read(DEMO_IMPORT);
        ((ArrayNode) realmImport.at("/spec/realm/clients")).remove(2);

        assertEquals(List.of("client alpr-expiry-probe is in the local stack's realm, not in the realm import"),
                problems(realmImport, RealmAgreement.Scope.DEMO));
    }

    @Test
    void findsAChangedRoleDescription() {
        JsonNode realmImport = read(DEMO_IMPORT);
        ((ObjectNode) realmImport.at("/spec/realm/roles/realm/0")).put("description", "A gateway");

        assertHas(problems(realmImport, RealmAgreement.Scope.DEMO), "role camera-gateway differs");
    }

    @Test
    void findsAChangedRealmSetting() {
        JsonNode realmImport = read(DEMO_IMPORT);
        ((ObjectNode) realmImport.at("/spec/realm")).put("sslRequired", "none");

        assertHas(problems(realmImport, RealmAgreement.Scope.DEMO), "realm setting sslRequired");
    }

    @Test
    void findsAPlaceholderUsedButNotDeclared() {
        JsonNode realmImport = read(DEMO_IMPORT);
        ((ObjectNode) realmImport.at("/spec/placeholders")).remove("PASSWORD_MANAGER");

        assertEquals(List.of("placeholder ${PASSWORD_MANAGER} is used in the realm but not declared in"
                + " spec.placeholders"), problems(realmImport, RealmAgreement.Scope.DEMO));
    }

    @Test
    void findsAPlaceholderDeclaredButNotUsed() {
        JsonNode realmImport = read(PRODUCTION_IMPORT);
        ((ObjectNode) realmImport.at("/spec/placeholders")).set("PASSWORD_MANAGER",
                read(DEMO_IMPORT).at("/spec/placeholders/PASSWORD_MANAGER"));

        assertEquals(List.of("placeholder PASSWORD_MANAGER is declared in spec.placeholders but not used in the"
                + " realm"), problems(realmImport, RealmAgreement.Scope.PRODUCTION));
    }

    @Test
    void findsADemoUserOrTheTestClientInProduction() {
        List<String> problems = problems(read(DEMO_IMPORT), RealmAgreement.Scope.PRODUCTION);

        assertHas(problems, "user manager is in the realm import, not in the local stack's realm");
        assertHas(problems, "client alpr-expiry-probe is in the realm import, not in the local stack's realm");
        assertHas(problems, "client alpr-web differs");
    }

    @Test
    void findsARoleReachingReadDataThatSignsInWithoutASecondFactorInProduction() {
        ObjectNode local = (ObjectNode) read(LOCAL_STACK_REALM);
        ((ArrayNode) local.at("/roles/realm")).addObject().put("name", "sheriff-officer");
        ObjectNode realmImport = (ObjectNode) read(PRODUCTION_IMPORT);
        ArrayNode deployedRoles = (ArrayNode) realmImport.at("/spec/realm/roles/realm");
        deployedRoles.addObject().put("name", "sheriff-officer");

        assertHas(RealmAgreement.problems(realmImport, local, RealmAgreement.Scope.PRODUCTION),
                "role sheriff-officer differs");

        ObjectNode withSecondFactor = (ObjectNode) deployedRoles.get(deployedRoles.size() - 1);
        withSecondFactor.put("composite", true);
        withSecondFactor.putObject("composites").putArray("realm").add(RealmAgreement.SECOND_FACTOR);
        assertEquals(List.of(), RealmAgreement.problems(realmImport, local, RealmAgreement.Scope.PRODUCTION));
    }

    private static List<String> problems(JsonNode realmImport, RealmAgreement.Scope scope) {
        return RealmAgreement.problems(realmImport, read(LOCAL_STACK_REALM), scope);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
