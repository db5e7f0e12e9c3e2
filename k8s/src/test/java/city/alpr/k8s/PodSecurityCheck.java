package city.alpr.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pods we define meet the "restricted" Pod Security Standard (the namespace enforces it, but only an API server
 * would tell), with a read-only root filesystem, resource requests and limits on every container, and, for the
 * long-running services, liveness, readiness and startup probes. For the operators' resources, what we set is
 * checked: Keycloak's pod template and resources, CloudNativePG's and the backup sidecar's resources.
 */
final class PodSecurityCheck {

    private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> PROBES = Set.of("livenessProbe", "readinessProbe", "startupProbe");

    private PodSecurityCheck() {
    }

    static List<String> problems(Manifest manifest) {
        JsonNode body = manifest.body();
        List<String> problems = new ArrayList<>();
        switch (manifest.kind()) {
            case "Deployment" -> workload(body.at("/spec/template/spec"), true, problems);
            case "Job" -> workload(body.at("/spec/template/spec"), false, problems);
            case "CronJob" -> workload(body.at("/spec/jobTemplate/spec/template/spec"), false, problems);
            case "Keycloak" -> {
                // the operator completes the pod (image, probes, ports) from this template; Keycloak writes below
                // /opt/keycloak, so its root filesystem stays writable
                JsonNode pod = body.at("/spec/unsupported/podTemplate/spec");
                if (pod.isMissingNode()) {
                    problems.add("no pod template: the operator's default pod does not meet the restricted standard");
                } else {
                    restricted(pod, problems);
                }
                resources("spec.resources", body.at("/spec/resources"), problems);
            }
            case "Cluster" -> resources("spec.resources", body.at("/spec/resources"), problems);
            case "ObjectStore" -> resources("spec.instanceSidecarConfiguration.resources",
                    body.at("/spec/instanceSidecarConfiguration/resources"), problems);
            default -> {
                // not a pod, nor a resource that makes pods
            }
        }
        return problems;
    }

    private static void workload(JsonNode pod, boolean longRunning, List<String> problems) {
        restricted(pod, problems);
        for (JsonNode container : allContainers(pod)) {
            String name = "container " + container.path("name").asText();
            if (!container.at("/securityContext/readOnlyRootFilesystem").asBoolean(false)) {
                problems.add(name + ": root filesystem not read-only");
            }
            resources(name, container.path("resources"), problems);
            for (String probe : PROBES) {
                if (longRunning && !container.has(probe)) {
                    problems.add(name + ": no " + probe);
                }
            }
        }
    }

    /** The "restricted" Pod Security Standard, as of Kubernetes 1.32, for a pod spec. */
    private static void restricted(JsonNode pod, List<String> problems) {
        for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(hostNamespace).asBoolean(false)) {
                problems.add("pod shares the node's namespace: " + hostNamespace);
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            volume.fieldNames().forEachRemaining(field -> {
                if (!field.equals("name") && !RESTRICTED_VOLUME_TYPES.contains(field)) {
                    problems.add("volume " + volume.path("name").asText() + ": type " + field + " is not allowed");
                }
            });
        }
        JsonNode podContext = pod.path("securityContext");
        if (podContext.path("runAsUser").asInt(-1) == 0) {
            problems.add("pod runs as user 0");
        }
        for (JsonNode container : allContainers(pod)) {
            String name = "container " + container.path("name").asText();
            JsonNode context = container.path("securityContext");
            if (context.path("privileged").asBoolean(false)) {
                problems.add(name + ": privileged");
            }
            if (!context.has("allowPrivilegeEscalation") || context.path("allowPrivilegeEscalation").asBoolean()) {
                problems.add(name + ": allowPrivilegeEscalation is not false");
            }
            if (!contains(context.at("/capabilities/drop"), "ALL")) {
                problems.add(name + ": capabilities do not drop ALL");
            }
            for (JsonNode added : context.at("/capabilities/add")) {
                if (!added.asText().equals("NET_BIND_SERVICE")) {
                    problems.add(name + ": adds capability " + added.asText());
                }
            }
            if (!effective(context, podContext, "runAsNonRoot").asBoolean(false)) {
                problems.add(name + ": runAsNonRoot is not true");
            }
            if (context.path("runAsUser").asInt(-1) == 0) {
                problems.add(name + ": runs as user 0");
            }
            String seccomp = effective(context, podContext, "seccompProfile").path("type").asText();
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                problems.add(name + ": seccompProfile is not RuntimeDefault or Localhost");
            }
            for (JsonNode port : container.path("ports")) {
                if (port.has("hostPort") && port.path("hostPort").asInt() != 0) {
                    problems.add(name + ": uses host port " + port.path("hostPort").asInt());
                }
            }
        }
    }

    private static void resources(String owner, JsonNode resources, List<String> problems) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(bound).path(resource).asText().isEmpty()) {
                    problems.add(owner + ": no " + resource + " in " + bound);
                }
            }
        }
    }

    /** A container's setting, or the pod's where the container has none (the container's wins, as in Kubernetes). */
    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private static List<JsonNode> allContainers(JsonNode pod) {
        List<JsonNode> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            pod.path(list).forEach(containers::add);
        }
        return containers;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
