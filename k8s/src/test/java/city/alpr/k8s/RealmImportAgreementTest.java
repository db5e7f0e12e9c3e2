package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm each overlay imports is the local stack's realm, so the two cannot drift apart silently. */
class RealmImportAgreementTest {

    @Test
    void localImportsTheLocalStacksRealmWithItsDemoUsersAndTestClient() {
        List<String> problems = RealmAgreement.problems(realmImport(Overlay.LOCAL),
                RealmAgreement.localStackRealm(), RealmAgreement.Scope.DEMO);

        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = { "BASE", "PRODUCTION" })
    void productionImportsTheLocalStacksRealmWithoutDemoUsersOrTestClient(Overlay overlay) {
        List<String> problems = RealmAgreement.problems(realmImport(overlay), RealmAgreement.localStackRealm(),
                RealmAgreement.Scope.PRODUCTION);

        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static JsonNode realmImport(Overlay overlay) {
        List<Manifest> imports = RenderedOverlaysTest.ofKind(RenderedManifests.of(overlay), "KeycloakRealmImport");
        assertEquals(1, imports.size(), () -> overlay + " should import one realm, found " + imports);
        return imports.getFirst().body();
    }
}
