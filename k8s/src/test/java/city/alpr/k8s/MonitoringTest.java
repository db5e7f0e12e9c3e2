package city.alpr.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operators' monitoring (k8s/monitoring/): an alert for each thing issue 19 names, each rule complete, every
 * dashboard panel with a query of the dashboard's Prometheus (PromQL itself is not parsed here). That every metric they name is
 * exported is checked against the running services
 * (system-tests' WebConsoleIT, which scrapes the running system).
 */
class MonitoringTest {

    private static final Set<String> REQUIRED_ALERTS = Set.of("AlprCameraSilent", "AlprIngestRefusingReads",
            "AlprHotlistFeedStale", "AlprPurgeFailed", "AlprPurgeOverdue", "AlprAccessLogChainBroken",
            "AlprCheckpointOverdue", "AlprSignInEventCopyStalled", "AlprAuditServiceNotScraped");

    private static List<Manifest> rendered() {
        RequiredTool.KUBECTL.require();
        var kubectl = new ExternalCommand(List.of(RequiredTool.KUBECTL.command(), "kustomize",
                Repository.k8s().resolve("monitoring").toString()), Repository.k8s()).run();
        if (!kubectl.succeeded()) {
            fail("kubectl kustomize monitoring failed (exit " + kubectl.exitCode() + "):\n" + kubectl.stderr());
        }
        return RenderedManifests.parse("monitoring", kubectl.stdout());
    }

    @Test
    void everyConditionTheOperatorsWatchHasACompleteAlertRule() {
        Manifest rules = rendered().stream().filter(manifest -> manifest.kind().equals("PrometheusRule")).findFirst()
                .orElseThrow();
        assertEquals("monitoring.coreos.com/v1", rules.apiVersion());
        assertEquals("alpr", rules.body().path("metadata").path("namespace").asText());
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rules.body().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertTrue(alerts.add(alert), "alert " + alert + " is defined twice");
                assertTrue(rule.path("expr").asText().contains("alpr_")
                        || rule.path("expr").asText().contains("http_server_requests"), alert + ": " + rule);
                assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()),
                        alert + " has a severity");
                assertTrue(!rule.path("annotations").path("summary").asText().isBlank()
                        && !rule.path("annotations").path("description").asText().isBlank(),
                        alert + " says what happened and what to do");
                if (rule.has("for")) {
                    assertTrue(rule.path("for").asText().matches("\\d+[smh]"), alert + ": for " + rule.path("for"));
                }
            }
        }
        assertTrue(alerts.containsAll(REQUIRED_ALERTS), "missing: " + difference(REQUIRED_ALERTS, alerts));
    }

    @Test
    void theDashboardIsOneGrafanaDashboardWhoseSidecarFindsIt() throws IOException {
        Manifest configMap = rendered().stream().filter(manifest -> manifest.kind().equals("ConfigMap")).findFirst()
                .orElseThrow();
        assertEquals("1", configMap.body().path("metadata").path("labels").path("grafana_dashboard").asText());
        JsonNode dashboard = new ObjectMapper().readTree(configMap.body().path("data").path("alpr-dashboard.json")
                .asText());
        assertEquals(new ObjectMapper().readTree(Files.readString(Repository.k8s().resolve(
                "monitoring/alpr-dashboard.json"))), dashboard);
        Set<Integer> ids = new HashSet<>();
        List<String> empty = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel id " + panel.path("id") + " twice");
            JsonNode targets = panel.path("targets");
            if (targets.isEmpty() || targets.findValuesAsText("expr").stream().anyMatch(String::isBlank)) {
                empty.add(panel.path("title").asText());
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(),
                    "each panel reads the Prometheus the dashboard is pointed at");
        }
        assertEquals(List.of(), empty, "panels without a query");
    }

    private static Set<String> difference(Set<String> wanted, Set<String> present) {
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
