package city.alpr.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Rules over a whole rendered overlay, beyond what any single object's schema can say. */
final class PlatformPolicyCheck {

    static final String NAMESPACE = "alpr";
    private static final Map<String, String> POD_SECURITY_LABELS = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/warn", "restricted");

    private PlatformPolicyCheck() {
    }

    static List<String> problems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        namespace(manifests, problems);
        defaultDeny(manifests, problems);
        secretsCarryNoData(manifests, problems);
        deploymentsAutoscaledAndBudgeted(manifests, problems);
        imagesFromPlaceholderRegistries(manifests, problems);
        retentionRunsWithoutServer(manifests, problems);
        keycloakOnlyThroughTheEntryPoints(manifests, problems);
        noRehearsalClock(manifests, problems);
        forwardingHeadersOnlyFromTrustedProxies(manifests, problems);
        return problems;
    }

    /**
     * No network reaches Keycloak but the entry points' namespaces and our own pods: the gateways' entry point routes
     * its token endpoint only, so the gateways' network never reaches the admin console (a NetworkPolicy sees
     * addresses, not paths; an address block here would open every path).
     */
    private static void keycloakOnlyThroughTheEntryPoints(List<Manifest> manifests, List<String> problems) {
        for (Manifest policy : ofKind(manifests, "NetworkPolicy")) {
            if (!policy.body().at("/spec/podSelector/matchLabels/alpr.city~1workload").asText().equals("keycloak")) {
                continue;
            }
            for (JsonNode rule : policy.body().at("/spec/ingress")) {
                for (JsonNode from : rule.path("from")) {
                    if (from.has("ipBlock")) {
                        problems.add(policy + ": admits the network " + from.at("/ipBlock/cidr").asText()
                                + " to Keycloak, every path of it, the admin console included");
                    }
                }
            }
        }
    }

    /** The retention job's rehearsal clock ({@code ALPR_RETENTION_AS_OF}) is never set in a deployment. */
    private static void noRehearsalClock(List<Manifest> manifests, List<String> problems) {
        for (Manifest manifest : manifests) {
            manifest.body().findValues("env").forEach(env -> env.forEach(variable -> {
                if (variable.path("name").asText().equals("ALPR_RETENTION_AS_OF")) {
                    problems.add(manifest + ": sets ALPR_RETENTION_AS_OF, the rehearsal clock of the retention job");
                }
            }));
        }
    }

    /** Where the services believe forwarding headers, the settings name the proxies, and not every address. */
    private static void forwardingHeadersOnlyFromTrustedProxies(List<Manifest> manifests, List<String> problems) {
        for (Manifest settings : ofKind(manifests, "ConfigMap")) {
            JsonNode data = settings.body().path("data");
            if (!data.path("proxy-address-forwarding").asText().equals("true")) {
                continue;
            }
            String trusted = data.path("trusted-proxies").asText().strip();
            if (trusted.isEmpty() || List.of(trusted.split("\\s*,\\s*")).stream()
                    .anyMatch(proxy -> proxy.equals("0.0.0.0/0") || proxy.equals("::/0"))) {
                problems.add(settings + ": forwarding headers are believed, but trusted-proxies names no proxy ('"
                        + trusted + "'), so any client could write its own address into the access log");
            }
        }
    }

    /** The namespace enforces the restricted standard, and every other object lands in it. */
    private static void namespace(List<Manifest> manifests, List<String> problems) {
        List<Manifest> namespaces = ofKind(manifests, "Namespace");
        if (namespaces.size() != 1 || !namespaces.getFirst().name().equals(NAMESPACE)) {
            problems.add("expected exactly the Namespace " + NAMESPACE + ", found " + namespaces);
        }
        for (Manifest namespace : namespaces) {
            JsonNode labels = namespace.body().at("/metadata/labels");
            POD_SECURITY_LABELS.forEach((label, level) -> {
                if (!labels.path(label).asText().equals(level)) {
                    problems.add(namespace + ": label " + label + " is not " + level);
                }
            });
        }
        for (Manifest manifest : manifests) {
            String namespace = manifest.body().at("/metadata/namespace").asText();
            if (!manifest.kind().equals("Namespace") && !namespace.equals(NAMESPACE)) {
                problems.add(manifest + ": in namespace '" + namespace + "', not " + NAMESPACE);
            }
        }
    }

    /** A policy selecting every pod that admits nothing, in either direction. */
    private static void defaultDeny(List<Manifest> manifests, List<String> problems) {
        boolean found = ofKind(manifests, "NetworkPolicy").stream().map(Manifest::body)
                .anyMatch(policy -> policy.at("/spec/podSelector").isEmpty()
                        && contains(policy.at("/spec/policyTypes"), "Ingress")
                        && contains(policy.at("/spec/policyTypes"), "Egress")
                        && policy.at("/spec/ingress").isEmpty()
                        && policy.at("/spec/egress").isEmpty());
        if (!found) {
            problems.add("no NetworkPolicy denies all ingress and egress by default");
        }
    }

    /** Secrets are created out of band; the manifests only name them. */
    private static void secretsCarryNoData(List<Manifest> manifests, List<String> problems) {
        for (Manifest secret : ofKind(manifests, "Secret")) {
            if (!secret.body().path("data").isEmpty() || !secret.body().path("stringData").isEmpty()) {
                problems.add(secret + ": carries data; secrets are referenced, never committed");
            }
        }
    }

    private static void deploymentsAutoscaledAndBudgeted(List<Manifest> manifests, List<String> problems) {
        for (Manifest deployment : ofKind(manifests, "Deployment")) {
            boolean scaled = ofKind(manifests, "HorizontalPodAutoscaler").stream().map(Manifest::body).anyMatch(
                    autoscaler -> autoscaler.at("/spec/scaleTargetRef/kind").asText().equals("Deployment")
                            && autoscaler.at("/spec/scaleTargetRef/name").asText().equals(deployment.name()));
            if (!scaled) {
                problems.add(deployment + ": no HorizontalPodAutoscaler scales it");
            }
            JsonNode podLabels = deployment.body().at("/spec/template/metadata/labels");
            boolean budgeted = ofKind(manifests, "PodDisruptionBudget").stream().map(Manifest::body).anyMatch(
                    budget -> selects(budget.at("/spec/selector"), podLabels));
            if (!budgeted) {
                problems.add(deployment + ": no PodDisruptionBudget selects its pods");
            }
        }
    }

    /** No image names a real registry: a host under the reserved .example domain, or none (Docker Hub style). */
    private static void imagesFromPlaceholderRegistries(List<Manifest> manifests, List<String> problems) {
        for (Manifest manifest : manifests) {
            for (JsonNode image : manifest.body().findValues("image")) {
                if (!image.isTextual()) {
                    continue;
                }
                String reference = image.asText();
                int slash = reference.indexOf('/');
                String first = slash < 0 ? "" : reference.substring(0, slash);
                boolean namesHost = first.contains(".") || first.contains(":") || first.equals("localhost");
                if (namesHost && !first.endsWith(".example")) {
                    problems.add(manifest + ": image " + reference + " names a registry host");
                }
            }
        }
    }

    /** The purge is a run that ends: no Service in front of it, no probes or ports. */
    private static void retentionRunsWithoutServer(List<Manifest> manifests, List<String> problems) {
        List<Manifest> purge = ofKind(manifests, "CronJob").stream()
                .filter(cronJob -> cronJob.name().equals("retention-service")).toList();
        if (purge.size() != 1) {
            problems.add("expected one CronJob retention-service, found " + purge.size());
            return;
        }
        JsonNode pod = purge.getFirst().body().at("/spec/jobTemplate/spec/template");
        for (JsonNode container : pod.at("/spec/containers")) {
            for (String field : List.of("livenessProbe", "readinessProbe", "startupProbe", "ports")) {
                if (container.has(field)) {
                    problems.add(purge.getFirst() + ": container " + container.path("name").asText() + " has "
                            + field);
                }
            }
        }
        for (Manifest service : ofKind(manifests, "Service")) {
            if (selects(service.body().at("/spec/selector"), pod.at("/metadata/labels"))) {
                problems.add(service + ": selects the purge job's pods");
            }
        }
    }

    /**
     * Whether a selector (a LabelSelector, or a Service's plain label map) matches the labels. A selector with match
     * expressions is not evaluated here and never counts as matching.
     */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            return false;
        }
        JsonNode required = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        if (required.isEmpty()) {
            return false;
        }
        var entries = required.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (!labels.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(manifest -> manifest.kind().equals(kind)).toList();
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
