package city.alpr.k8s;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each rule of the restricted standard, and our resource and probe rules, refuses the pod that breaks it. */
class PodSecurityCheckTest {

    private static final String COMPLIANT_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: query-service
            spec:
              template:
                spec:
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                    - name: query-service
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities:
                          drop:
                            - ALL
                      resources:
                        requests:
                          cpu: 250m
                          memory: 512Mi
                        limits:
                          cpu: "2"
                          memory: 1Gi
                      livenessProbe:
                        httpGet:
                          path: /q/health/live
                          port: 8082
                      readinessProbe:
                        httpGet:
                          path: /q/health/ready
                          port: 8082
                      startupProbe:
                        httpGet:
                          path: /q/health/started
                          port: 8082
                  volumes:
                    - name: tmp
                      emptyDir: {}
            """;

    @Test
    void acceptsACompliantDeployment() {
        assertEquals(List.of(), PodSecurityCheck.problems(deployment()));
    }

    @Test
    void asksNoProbesOfAJob() {
        Manifest job = RenderedManifests.parse("test", COMPLIANT_DEPLOYMENT.replace("apps/v1", "batch/v1")
                .replace("kind: Deployment", "kind: Job")).getFirst();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            container(job).remove(probe);
        }

        assertEquals(List.of(), PodSecurityCheck.problems(job));
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("a privileged container", c -> securityContext(c).put("privileged", true),
                        "container query-service: privileged"),
                violation("privilege escalation left to the default",
                        c -> securityContext(c).remove("allowPrivilegeEscalation"),
                        "container query-service: allowPrivilegeEscalation is not false"),
                violation("capabilities not all dropped", c -> securityContext(c).remove("capabilities"),
                        "container query-service: capabilities do not drop ALL"),
                violation("an added capability",
                        c -> ((ObjectNode) c.at("/securityContext/capabilities")).putArray("add").add("SYS_ADMIN"),
                        "container query-service: adds capability SYS_ADMIN"),
                violation("a container that may run as root", c -> securityContext(c).put("runAsNonRoot", false),
                        "container query-service: runAsNonRoot is not true"),
                violation("user 0", c -> securityContext(c).put("runAsUser", 0),
                        "container query-service: runs as user 0"),
                violation("an unconfined seccomp profile",
                        c -> securityContext(c).putObject("seccompProfile").put("type", "Unconfined"),
                        "container query-service: seccompProfile is not RuntimeDefault or Localhost"),
                violation("a host port", c -> c.putArray("ports").addObject().put("containerPort", 8082)
                        .put("hostPort", 8082), "container query-service: uses host port 8082"),
                violation("a writable root filesystem", c -> securityContext(c).put("readOnlyRootFilesystem", false),
                        "container query-service: root filesystem not read-only"),
                violation("no memory limit", c -> ((ObjectNode) c.at("/resources/limits")).remove("memory"),
                        "container query-service: no memory in limits"),
                violation("no CPU request", c -> ((ObjectNode) c.at("/resources/requests")).remove("cpu"),
                        "container query-service: no cpu in requests"),
                violation("no startup probe", c -> c.remove("startupProbe"),
                        "container query-service: no startupProbe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void refusesAContainerBreakingARule(String rule, Consumer<ObjectNode> breakRule, String expected) {
        Manifest deployment = deployment();
        breakRule.accept(container(deployment));

        assertHas(PodSecurityCheck.problems(deployment), expected);
    }

    @Test
    void refusesAPodInTheNodesNetwork() {
        Manifest deployment = deployment();
        pod(deployment).put("hostNetwork", true);

        assertHas(PodSecurityCheck.problems(deployment), "pod shares the node's namespace: hostNetwork");
    }

    @Test
    void refusesAHostPathVolume() {
        Manifest deployment = deployment();
        ((ArrayNode) pod(deployment).path("volumes")).addObject().put("name", "node").putObject("hostPath")
                .put("path", "/");

        assertHas(PodSecurityCheck.problems(deployment), "volume node: type hostPath is not allowed");
    }

    @Test
    void refusesAKeycloakWithoutAPodTemplateOrResources() {
        Manifest keycloak = RenderedManifests.parse("test", """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata:
                  name: alpr-keycloak
                spec:
                  instances: 1
                """).getFirst();

        List<String> problems = PodSecurityCheck.problems(keycloak);

        assertHas(problems, "no pod template");
        assertHas(problems, "spec.resources: no memory in limits");
    }

    private static Arguments violation(String rule, Consumer<ObjectNode> breakRule, String expected) {
        return Arguments.of(rule, breakRule, expected);
    }

    private static Manifest deployment() {
        return RenderedManifests.parse("test", COMPLIANT_DEPLOYMENT).getFirst();
    }

    private static ObjectNode pod(Manifest deployment) {
        return (ObjectNode) deployment.body().at("/spec/template/spec");
    }

    private static ObjectNode container(Manifest workload) {
        return (ObjectNode) workload.body().at("/spec/template/spec/containers/0");
    }

    private static ObjectNode securityContext(ObjectNode container) {
        return (ObjectNode) container.path("securityContext");
    }
}
