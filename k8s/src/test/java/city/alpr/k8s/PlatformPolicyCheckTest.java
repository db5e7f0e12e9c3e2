package city.alpr.k8s;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each platform rule refuses the overlay that breaks it. */
class PlatformPolicyCheckTest {

    private static final String PLATFORM = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: alpr
              labels:
                pod-security.kubernetes.io/enforce: restricted
                pod-security.kubernetes.io/audit: restricted
                pod-security.kubernetes.io/warn: restricted
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny
              namespace: alpr
            spec:
              podSelector: {}
              policyTypes:
                - Ingress
                - Egress
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: audit-service
              namespace: alpr
            spec:
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: audit-service
                spec:
                  containers:
                    - name: audit-service
                      image: registry.alpr.example/alpr/audit-service:1
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: audit-service
              namespace: alpr
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: audit-service
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: audit-service
              namespace: alpr
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: audit-service
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: retention-service
              namespace: alpr
            spec:
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: retention-service
                    spec:
                      containers:
                        - name: retention-service
                          image: alpr/retention-service:dev
            """;

    @Test
    void acceptsAPlatformFollowingEveryRule() {
        assertEquals(List.of(), PlatformPolicyCheck.problems(platform()));
    }

    @Test
    void refusesASecretCarryingData() {
        List<Manifest> platform = withExtra("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: alpr-master-key
                  namespace: alpr
                stringData:
                  ALPR_CRYPTO_MASTER_KEY: not-a-real-key
                """);

        assertHas(PlatformPolicyCheck.problems(platform), "Secret/alpr-master-key: carries data");
    }

    @Test
    void refusesADeploymentNoAutoscalerScales() {
        List<Manifest> platform = without("HorizontalPodAutoscaler");

        assertHas(PlatformPolicyCheck.problems(platform), "Deployment/audit-service: no HorizontalPodAutoscaler");
    }

    @Test
    void refusesADeploymentNoDisruptionBudgetSelects() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "PodDisruptionBudget").body().at("/spec/selector/matchLabels"))
                .put("app.kubernetes.io/name", "query-service");

        assertHas(PlatformPolicyCheck.problems(platform), "Deployment/audit-service: no PodDisruptionBudget");
    }

    @Test
    void refusesANamespaceWithoutADefaultDeny() {
        List<Manifest> platform = without("NetworkPolicy");

        assertHas(PlatformPolicyCheck.problems(platform), "no NetworkPolicy denies all ingress and egress");
    }

    @Test
    void refusesADefaultDenyThatAdmitsSomething() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "NetworkPolicy").body().path("spec")).putArray("ingress").addObject();

        assertHas(PlatformPolicyCheck.problems(platform), "no NetworkPolicy denies all ingress and egress");
    }

    @Test
    void refusesANamespaceThatDoesNotEnforceTheRestrictedStandard() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "Namespace").body().at("/metadata/labels"))
                .put("pod-security.kubernetes.io/enforce", "baseline");

        assertHas(PlatformPolicyCheck.problems(platform), "label pod-security.kubernetes.io/enforce is not restricted");
    }

    @Test
    void refusesAnObjectOutsideTheNamespace() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "Deployment").body().path("metadata")).put("namespace", "default");

        assertHas(PlatformPolicyCheck.problems(platform), "Deployment/audit-service: in namespace 'default', not alpr");
    }

    @Test
    void refusesAnImageNamingARealRegistry() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "Deployment").body().at("/spec/template/spec/containers/0"))
                .put("image", "images.city.internal/alpr/audit-service:1");

        assertHas(PlatformPolicyCheck.problems(platform), "image images.city.internal/alpr/audit-service:1 names a");
    }

    @Test
    void refusesAPurgeJobWithProbes() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "CronJob").body().at("/spec/jobTemplate/spec/template/spec/containers/0"))
                .putObject("livenessProbe").putObject("httpGet").put("path", "/q/health/live");

        assertHas(PlatformPolicyCheck.problems(platform), "container retention-service has livenessProbe");
    }

    @Test
    void refusesAServiceInFrontOfThePurgeJob() {
        List<Manifest> platform = withExtra("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: retention-service
                  namespace: alpr
                spec:
                  selector:
                    app.kubernetes.io/name: retention-service
                """);

        assertHas(PlatformPolicyCheck.problems(platform), "Service/retention-service: selects the purge job's pods");
    }

    @Test
    void refusesANetworkThatReachesKeycloakDirectly() {
        List<Manifest> platform = withExtra("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: keycloak-ingress
                  namespace: alpr
                spec:
                  podSelector:
                    matchLabels:
                      alpr.city/workload: keycloak
                  ingress:
                    - from:
                        - ipBlock:
                            cidr: 203.0.113.0/24
                """);

        assertHas(PlatformPolicyCheck.problems(platform), "admits the network 203.0.113.0/24 to Keycloak");
    }

    @Test
    void refusesARehearsalClockInADeployment() {
        List<Manifest> platform = platform();
        ((ObjectNode) kind(platform, "CronJob").body().at("/spec/jobTemplate/spec/template/spec/containers/0"))
                .putArray("env").addObject().put("name", "ALPR_RETENTION_AS_OF").put("value", "2030-01-01T00:15:00Z");

        assertHas(PlatformPolicyCheck.problems(platform), "sets ALPR_RETENTION_AS_OF");
    }

    @Test
    void refusesForwardingHeadersBelievedFromAnyone() {
        for (String trusted : List.of("\"\"", "0.0.0.0/0", "192.0.2.30/32, 0.0.0.0/0")) {
            List<Manifest> platform = withExtra("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: alpr-settings
                      namespace: alpr
                    data:
                      proxy-address-forwarding: "true"
                      trusted-proxies: %s
                    """.formatted(trusted));

            assertHas(PlatformPolicyCheck.problems(platform), "trusted-proxies names no proxy");
        }
    }

    private static List<Manifest> platform() {
        return RenderedManifests.parse("test", PLATFORM);
    }

    private static List<Manifest> withExtra(String yaml) {
        List<Manifest> platform = new ArrayList<>(platform());
        platform.addAll(RenderedManifests.parse("test", yaml));
        return platform;
    }

    private static List<Manifest> without(String kind) {
        return platform().stream().filter(manifest -> !manifest.kind().equals(kind)).toList();
    }

    private static Manifest kind(List<Manifest> platform, String kind) {
        return platform.stream().filter(manifest -> manifest.kind().equals(kind)).findFirst().orElseThrow();
    }
}
