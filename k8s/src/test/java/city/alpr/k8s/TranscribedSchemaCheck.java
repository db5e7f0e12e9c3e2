package city.alpr.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;

/**
 * Checks the custom resources that have no model we can obtain (the Keycloak operator's CRDs are published on
 * neither Maven Central nor npm, the Barman Cloud plugin's neither) against JSON Schemas we transcribed from their
 * documented CRD fields: {@code src/test/resources/schemas}. Every object in them is closed, so an unknown field is
 * refused. Kubernetes types inside these resources (a pod template, resource requirements) are checked against the
 * built-in models instead.
 */
final class TranscribedSchemaCheck {

    /** A Kubernetes type at a JSON pointer in the resource; a trailing {@code /*} means each element of an array. */
    private record EmbeddedType(String pointer, BuiltInSchemaCheck.Model model) {
    }

    private record Transcription(JsonSchema schema, List<EmbeddedType> embedded) {
    }

    private static final BuiltInSchemaCheck.Model RESOURCES = new BuiltInSchemaCheck.Model(
            ResourceRequirements.class, V1ResourceRequirements.class);

    private static final Map<String, Transcription> TRANSCRIPTIONS = Map.of(
            "k8s.keycloak.org/v2alpha1/Keycloak", new Transcription(schema("keycloak-v2alpha1.json"), List.of(
                    new EmbeddedType("/spec/resources", RESOURCES),
                    new EmbeddedType("/spec/unsupported/podTemplate", new BuiltInSchemaCheck.Model(
                            PodTemplateSpec.class, V1PodTemplateSpec.class)))),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", new Transcription(
                    schema("keycloak-realm-import-v2alpha1.json"),
                    List.of(new EmbeddedType("/spec/resources", RESOURCES))),
            "barmancloud.cnpg.io/v1/ObjectStore", new Transcription(schema("barmancloud-objectstore-v1.json"), List.of(
                    new EmbeddedType("/spec/instanceSidecarConfiguration/resources", RESOURCES),
                    new EmbeddedType("/spec/instanceSidecarConfiguration/env/*", new BuiltInSchemaCheck.Model(
                            EnvVar.class, V1EnvVar.class)))));

    private TranscribedSchemaCheck() {
    }

    static boolean covers(Manifest manifest) {
        return TRANSCRIPTIONS.containsKey(manifest.type());
    }

    static List<String> problems(Manifest manifest) {
        Transcription transcription = TRANSCRIPTIONS.get(manifest.type());
        if (transcription == null) {
            return List.of("no transcribed schema for " + manifest.type());
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : transcription.schema().validate(manifest.body())) {
            problems.add(message.getMessage());
        }
        for (EmbeddedType embedded : transcription.embedded()) {
            boolean eachElement = embedded.pointer().endsWith("/*");
            String pointer = eachElement ? embedded.pointer().substring(0, embedded.pointer().length() - 2)
                    : embedded.pointer();
            JsonNode value = manifest.body().at(pointer);
            if (value.isMissingNode()) {
                continue;
            }
            if (!eachElement) {
                problems.addAll(BuiltInSchemaCheck.problems(value, embedded.model(), pointer));
                continue;
            }
            for (int index = 0; index < value.size(); index++) {
                problems.addAll(BuiltInSchemaCheck.problems(value.get(index), embedded.model(), pointer + "/" + index));
            }
        }
        return problems;
    }

    private static JsonSchema schema(String file) {
        try (InputStream schema = TranscribedSchemaCheck.class.getResourceAsStream("/schemas/" + file)) {
            if (schema == null) {
                throw new IllegalStateException("schema " + file + " is not on the test class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
