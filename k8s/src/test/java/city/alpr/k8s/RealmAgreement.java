package city.alpr.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The realm a KeycloakRealmImport creates agrees with the realm the local stack and the tests run against
 * ({@code local-stack/src/main/resources/keycloak/alpr-realm.json}), so the two cannot drift apart silently. The
 * local stack writes its secrets as {@code @NAME@}, the operator's placeholders are {@code ${NAME}}: they are the
 * same value. The console client's redirect URIs and web origins are each deployment's own addresses (the local
 * stack fills in its console's origin when Keycloak starts), so they are not compared.
 */
final class RealmAgreement {

    /** What the realm import is meant to hold. */
    enum Scope {
        /** Everything of the local stack's realm: its demo users and test client included. */
        DEMO,
        /**
         * The local stack's realm without the people who have passwords (the demo users) and the test clients
         * {@code alpr-expiry-probe} and {@code alpr-claims-probe}; the console client signs people in only through
         * its PKCE flow, at the deployment's own addresses; and every role that reaches read data includes
         * {@value #SECOND_FACTOR}, so that everyone holding one signs in with a second factor (locally only a demo
         * user holds it).
         */
        PRODUCTION
    }

    static final Path LOCAL_STACK_REALM = Path.of("local-stack/src/main/resources/keycloak/alpr-realm.json");
    private static final String WEB_CONSOLE = "alpr-web";
    private static final Set<String> TEST_CLIENTS = Set.of("alpr-expiry-probe", "alpr-claims-probe");
    static final String SECOND_FACTOR = "second-factor-required";
    /** CJIS 5.6.2.2: everyone who reaches read data signs in with more than a password. */
    private static final Set<String> ROLES_REACHING_READ_DATA = Set.of("city-manager", "sheriff-officer",
            "compliance-auditor", "contractor");
    private static final Pattern LOCAL_STACK_PLACEHOLDER = Pattern.compile("@([A-Z_][A-Z0-9_]*)@");
    private static final Pattern OPERATOR_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealmAgreement() {
    }

    static JsonNode localStackRealm() {
        try {
            return JSON.readTree(Repository.root().resolve(LOCAL_STACK_REALM).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> problems(JsonNode realmImport, JsonNode localStackRealm, Scope scope) {
        List<String> problems = new ArrayList<>();
        JsonNode actual = realmImport.at("/spec/realm");
        ObjectNode expected = (ObjectNode) withOperatorPlaceholders(localStackRealm);
        consoleAddressesOfTheDeployment(expected, actual);
        if (scope == Scope.PRODUCTION) {
            productionShape(expected, actual);
        }
        compareSettings(expected, actual, problems);
        compareById("role", expected.at("/roles/realm"), actual.at("/roles/realm"), "name", problems);
        compareById("client", expected.path("clients"), actual.path("clients"), "clientId", problems);
        compareById("user", expected.path("users"), actual.path("users"), "username", problems);
        placeholdersDeclaredAndUsed(realmImport, problems);
        return problems;
    }

    private static void productionShape(ObjectNode expected, JsonNode actual) {
        ArrayNode clients = (ArrayNode) expected.path("clients");
        for (int index = clients.size() - 1; index >= 0; index--) {
            ObjectNode client = (ObjectNode) clients.get(index);
            String clientId = client.path("clientId").asText();
            if (TEST_CLIENTS.contains(clientId)) {
                clients.remove(index);
            } else if (clientId.equals(WEB_CONSOLE)) {
                client.put("directAccessGrantsEnabled", false);
            }
        }
        ArrayNode users = (ArrayNode) expected.path("users");
        for (int index = users.size() - 1; index >= 0; index--) {
            if (users.get(index).has("credentials")) {
                users.remove(index);
            }
        }
        for (JsonNode role : expected.at("/roles/realm")) {
            if (ROLES_REACHING_READ_DATA.contains(role.path("name").asText())) {
                ((ObjectNode) role).put("composite", true);
                ((ObjectNode) role).putObject("composites").putArray("realm").add(SECOND_FACTOR);
            }
        }
    }

    private static void consoleAddressesOfTheDeployment(ObjectNode expected, JsonNode actual) {
        JsonNode deployed = byId(actual.path("clients"), "clientId").get(WEB_CONSOLE);
        for (JsonNode client : expected.path("clients")) {
            if (client.path("clientId").asText().equals(WEB_CONSOLE)) {
                for (String address : List.of("redirectUris", "webOrigins")) {
                    if (deployed != null && deployed.has(address)) {
                        ((ObjectNode) client).set(address, deployed.get(address));
                    } else {
                        ((ObjectNode) client).remove(address);
                    }
                }
            }
        }
    }

    private static void compareSettings(JsonNode expected, JsonNode actual, List<String> problems) {
        Set<String> fields = new TreeSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("roles", "clients", "users"));
        for (String field : fields) {
            if (!expected.path(field).equals(actual.path(field))) {
                problems.add("realm setting " + field + ": the local stack has " + expected.path(field)
                        + ", the realm import " + actual.path(field));
            }
        }
    }

    private static void compareById(String what, JsonNode expected, JsonNode actual, String id,
            List<String> problems) {
        Map<String, JsonNode> expectedById = byId(expected, id);
        Map<String, JsonNode> actualById = byId(actual, id);
        for (var entry : expectedById.entrySet()) {
            JsonNode deployed = actualById.get(entry.getKey());
            if (deployed == null) {
                problems.add(what + " " + entry.getKey() + " is in the local stack's realm, not in the realm import");
            } else if (!deployed.equals(entry.getValue())) {
                problems.add(what + " " + entry.getKey() + " differs: the local stack has " + entry.getValue()
                        + ", the realm import " + deployed);
            }
        }
        for (String extra : actualById.keySet()) {
            if (!expectedById.containsKey(extra)) {
                problems.add(what + " " + extra + " is in the realm import, not in the local stack's realm");
            }
        }
    }

    /** Every ${NAME} the realm uses is declared in spec.placeholders, and every declared one is used. */
    private static void placeholdersDeclaredAndUsed(JsonNode realmImport, List<String> problems) {
        Set<String> used = new TreeSet<>();
        Matcher matcher = OPERATOR_PLACEHOLDER.matcher(realmImport.at("/spec/realm").toString());
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> declared = new TreeSet<>();
        realmImport.at("/spec/placeholders").fieldNames().forEachRemaining(declared::add);
        for (String name : used) {
            if (!declared.contains(name)) {
                problems.add("placeholder ${" + name + "} is used in the realm but not declared in spec.placeholders");
            }
        }
        for (String name : declared) {
            if (!used.contains(name)) {
                problems.add("placeholder " + name + " is declared in spec.placeholders but not used in the realm");
            }
        }
    }

    private static Map<String, JsonNode> byId(JsonNode items, String id) {
        Map<String, JsonNode> byId = new TreeMap<>();
        items.forEach(item -> byId.put(item.path(id).asText(), item));
        return byId;
    }

    private static JsonNode withOperatorPlaceholders(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(LOCAL_STACK_PLACEHOLDER.matcher(node.asText()).replaceAll("\\${$1}"));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(
                    field -> copy.set(field.getKey(), withOperatorPlaceholders(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(withOperatorPlaceholders(item)));
            return copy;
        }
        return node;
    }
}
