package city.alpr.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks the operators' custom resources against the CustomResourceDefinitions the operators publish, pinned by
 * version in {@code src/test/resources/crds} (their sources in {@code SOURCES.md}): CloudNativePG 1.29.2's
 * {@code Cluster} and {@code ScheduledBackup}, the Barman Cloud plugin 0.14.0's {@code ObjectStore}, the Keycloak
 * operator 26.7.1's {@code Keycloak} and {@code KeycloakRealmImport}. Each served version's {@code openAPIV3Schema}
 * is read as the API server reads it with {@code kubectl apply --validate=strict}: a field the schema does not
 * declare is refused unless the schema preserves unknown fields there, {@code x-kubernetes-int-or-string} takes an
 * integer or a string, {@code nullable} takes null. Not evaluated: the CEL rules ({@code x-kubernetes-validations}),
 * list types ({@code x-kubernetes-list-type}), formats, and {@code metadata}, which the API server checks as
 * ObjectMeta; an explicit null the API server would prune is refused here. A CRD that embeds a resource is refused,
 * as this reading of it would be wrong.
 */
final class CrdSchemaCheck {

    private static final String[] CRDS = { "postgresql.cnpg.io_clusters.yaml",
            "postgresql.cnpg.io_scheduledbackups.yaml", "barmancloud.cnpg.io_objectstores.yaml",
            "keycloaks.k8s.keycloak.org-v1.crd.yml", "keycloakrealmimports.k8s.keycloak.org-v1.crd.yml" };
    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemaCheck() {
    }

    static boolean covers(Manifest manifest) {
        return SCHEMAS.containsKey(manifest.type());
    }

    /** The types the CRDs define, {@code group/version/Kind}, each served version. */
    static List<String> types() {
        return List.copyOf(SCHEMAS.keySet());
    }

    static List<String> problems(Manifest manifest) {
        JsonSchema schema = SCHEMAS.get(manifest.type());
        if (schema == null) {
            return List.of("no published CRD defines " + manifest.type());
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(manifest.body())) {
            problems.add(message.getMessage());
        }
        return problems;
    }

    private static Map<String, JsonSchema> load() {
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String file : CRDS) {
            JsonNode crd = read(file);
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                ObjectNode schema = (ObjectNode) strict(version.at("/schema/openAPIV3Schema").deepCopy());
                ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
                        : schema.putObject("properties");
                properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
                properties.set("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
                properties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
                schemas.put(group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(schema));
            }
        }
        return schemas;
    }

    /**
     * The structural schema as JSON Schema: objects closed where Kubernetes would refuse an unknown field, the
     * Kubernetes extensions turned into what they mean. At the root, every object has its {@code apiVersion} and
     * {@code kind} (some CRDs leave them out of the schema) and {@code metadata}, which is left to the API server.
     */
    private static JsonNode strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return node;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.remove("type");
            ArrayNode either = schema.putArray("anyOf");
            either.addObject().put("type", "integer");
            either.addObject().put("type", "string");
            if (schema.path("nullable").asBoolean()) {
                either.addObject().put("type", "null");
            }
        }
        if (schema.path("x-kubernetes-embedded-resource").asBoolean()) {
            throw new IllegalStateException("a CRD embeds a resource (x-kubernetes-embedded-resource), which this check "
                    + "does not read as the API server does: check it another way");
        }
        if (schema.path("nullable").asBoolean() && schema.has("type")) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(schema.path("type").asText()).add("null");
            schema.set("type", types);
        }
        boolean preserves = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if ("object".equals(schema.path("type").asText()) && !preserves && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
                names.remove();
            }
        }
        schema.path("properties").forEach(CrdSchemaCheck::strict);
        for (String nested : List.of("items", "additionalProperties")) {
            strict(schema.path(nested));
        }
        for (String alternatives : List.of("anyOf", "allOf", "oneOf")) {
            schema.path(alternatives).forEach(CrdSchemaCheck::strict);
        }
        return schema;
    }

    private static JsonNode read(String file) {
        try (InputStream crd = CrdSchemaCheck.class.getResourceAsStream("/crds/" + file)) {
            if (crd == null) {
                throw new IllegalStateException("CRD " + file + " is not on the test class path");
            }
            return new YAMLMapper().readTree(crd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
