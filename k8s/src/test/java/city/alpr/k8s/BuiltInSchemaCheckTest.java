package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in checks refuse unknown fields, wrong types and missing required fields, at any depth. */
class BuiltInSchemaCheckTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ingest-service
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: ingest-service
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: ingest-service
                spec:
                  containers:
                    - name: ingest-service
                      image: registry.alpr.example/alpr/ingest-service:1
                      env:
                        - name: ALPR_ACTIVE_POLICY
                          value: wildomar-cs3
                      ports:
                        - containerPort: 8081
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void acceptsAWellFormedDeployment() {
        assertEquals(List.of(), BuiltInSchemaCheck.problems(deployment()));
    }

    @Test
    void refusesAMisspelledFieldDeepInThePodSpecThroughBothModels() {
        Manifest deployment = deployment();
        ((ObjectNode) container(deployment).path("securityContext")).put("readOnlyRootFilesytem", true);

        List<String> problems = BuiltInSchemaCheck.problems(deployment);

        assertHas(problems, "unknown field /spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem");
        assertHas(problems, "official model at /: The field `readOnlyRootFilesytem` in the JSON string is not defined");
    }

    @Test
    void refusesAnUnknownTopLevelField() {
        Manifest deployment = deployment();
        ((ObjectNode) deployment.body()).put("specs", "x");

        assertHas(BuiltInSchemaCheck.problems(deployment), "unknown field /specs");
    }

    @Test
    void refusesTextWhereTheApiHasANumber() {
        Manifest deployment = deployment();
        ((ObjectNode) deployment.body().path("spec")).put("replicas", "2");

        assertHas(BuiltInSchemaCheck.problems(deployment),
                "wrong type at /spec/replicas: \"2\" where the API has a number");
    }

    @Test
    void refusesANumberWhereTheApiHasText() {
        Manifest deployment = deployment();
        ((ObjectNode) container(deployment).path("env").get(0)).put("value", 20);

        assertHas(BuiltInSchemaCheck.problems(deployment),
                "wrong type at /spec/template/spec/containers/0/env/0/value: 20 where the API has text");
    }

    @Test
    void refusesAContainerWithoutItsRequiredName() {
        Manifest deployment = deployment();
        container(deployment).remove("name");

        assertHas(BuiltInSchemaCheck.problems(deployment), "The required field `name` is not found");
    }

    @Test
    void refusesAKindItDoesNotKnow() {
        Manifest widget = RenderedManifests.parse("test", """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """).getFirst();

        assertEquals(List.of("test: Widget/w: no schema for example.com/v1/Widget, so it cannot be checked"),
                ManifestSchemas.problems(List.of(widget)));
    }

    private static Manifest deployment() {
        return RenderedManifests.parse("test", DEPLOYMENT).getFirst();
    }

    private static ObjectNode container(Manifest deployment) {
        return (ObjectNode) deployment.body().at("/spec/template/spec/containers/0");
    }

    static void assertHas(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)),
                () -> "expected a problem containing \"" + expected + "\" among " + problems);
    }
}
