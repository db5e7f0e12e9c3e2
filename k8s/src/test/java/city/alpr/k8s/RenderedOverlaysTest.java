package city.alpr.k8s;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay renders offline and passes every check; the overlays differ where they are meant to. */
class RenderedOverlaysTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendersWithKubectlKustomizeIntoNamedObjects(Overlay overlay) {
        List<Manifest> manifests = RenderedManifests.of(overlay);

        assertFalse(manifests.isEmpty());
        manifests.forEach(manifest -> assertFalse(manifest.name().isEmpty(), () -> manifest + " has no name"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyObjectMatchesTheSchemaOfItsKindStrictly(Overlay overlay) {
        assertNoProblems(overlay, ManifestSchemas.problems(RenderedManifests.of(overlay)));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyPodMeetsTheRestrictedStandardWithResourcesAndProbes(Overlay overlay) {
        assertNoProblems(overlay, RenderedManifests.of(overlay).stream()
                .flatMap(manifest -> PodSecurityCheck.problems(manifest).stream().map(p -> manifest + ": " + p))
                .toList());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void namespaceNetworkSecretsScalingImagesAndThePurgeFollowThePlatformRules(Overlay overlay) {
        assertNoProblems(overlay, PlatformPolicyCheck.problems(RenderedManifests.of(overlay)));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void keycloakAndTheServicesAdmitTheConsoleOriginAndTheRealmUrlIsKeycloaksIssuer(Overlay overlay) {
        assertNoProblems(overlay, BrowserAddressAgreement.problems(RenderedManifests.of(overlay)));
    }

    @Test
    void localRunsOneInstanceOfEverythingWithoutBackups() {
        List<Manifest> local = RenderedManifests.of(Overlay.LOCAL);

        for (Manifest autoscaler : ofKind(local, "HorizontalPodAutoscaler")) {
            assertEquals(1, autoscaler.body().at("/spec/minReplicas").asInt(), autoscaler::toString);
            assertEquals(2, autoscaler.body().at("/spec/maxReplicas").asInt(), autoscaler::toString);
        }
        assertEquals(1, only(local, "Cluster").at("/spec/instances").asInt());
        assertEquals(1, only(local, "Keycloak").at("/spec/instances").asInt());
        assertTrue(only(local, "Cluster").at("/spec/plugins").isMissingNode());
        assertTrue(ofKind(local, "ScheduledBackup").isEmpty());
        assertTrue(ofKind(local, "ObjectStore").isEmpty());
    }

    @Test
    void productionRunsSeveralInstancesOfEverything() {
        List<Manifest> production = RenderedManifests.of(Overlay.PRODUCTION);
        Map<String, String> replicaRanges = ofKind(production, "HorizontalPodAutoscaler").stream()
                .collect(Collectors.toMap(Manifest::name, RenderedOverlaysTest::replicaRange));

        assertEquals(Map.of("ingest-service", "3-10", "query-service", "2-8", "audit-service", "2-6",
                "web-console", "2-4"), replicaRanges);
        assertEquals(3, only(production, "Cluster").at("/spec/instances").asInt());
        assertTrue(only(production, "Keycloak").at("/spec/instances").asInt() >= 2);
    }

    /**
     * A backup taken before a purge still holds the day's wrapped data key: no backup may be older than the 30-day
     * retention. Barman's recovery window keeps the newest backup from before the window as well, so with daily
     * backups the window must stay below 30 days.
     */
    @Test
    void productionBacksUpDailyAndKeepsNoBackupOlderThanTheRetention() {
        List<Manifest> production = RenderedManifests.of(Overlay.PRODUCTION);
        JsonNode objectStore = only(production, "ObjectStore");
        JsonNode scheduledBackup = only(production, "ScheduledBackup");
        JsonNode archiver = only(production, "Cluster").at("/spec/plugins/0");

        assertEquals("29d", objectStore.at("/spec/retentionPolicy").asText());
        assertEquals("0 0 2 * * *", scheduledBackup.at("/spec/schedule").asText());
        assertEquals("plugin", scheduledBackup.at("/spec/method").asText());
        assertEquals("barman-cloud.cloudnative-pg.io", archiver.path("name").asText());
        assertTrue(archiver.path("isWALArchiver").asBoolean());
        assertEquals(objectStore.at("/metadata/name").asText(), archiver.at("/parameters/barmanObjectName").asText());
    }

    static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(manifest -> manifest.kind().equals(kind)).toList();
    }

    private static String replicaRange(Manifest autoscaler) {
        JsonNode spec = autoscaler.body().path("spec");
        return spec.path("minReplicas").asInt() + "-" + spec.path("maxReplicas").asInt();
    }

    private static JsonNode only(List<Manifest> manifests, String kind) {
        List<Manifest> ofKind = ofKind(manifests, kind);
        assertEquals(1, ofKind.size(), () -> "expected one " + kind + ", found " + ofKind);
        return ofKind.getFirst().body();
    }

    private static void assertNoProblems(Overlay overlay, List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s) in " + overlay + ":\n  "
                + String.join("\n  ", problems));
    }
}
