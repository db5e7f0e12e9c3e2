package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The transcribed Keycloak and ObjectStore schemas refuse unknown fields, wrong types and missing fields. */
class TranscribedSchemaCheckTest {

    private static final String KEYCLOAK = """
            apiVersion: k8s.keycloak.org/v2alpha1
            kind: Keycloak
            metadata:
              name: alpr-keycloak
            spec:
              instances: 1
              db:
                vendor: postgres
                usernameSecret:
                  name: alpr-keycloak-db
                  key: username
              resources:
                requests:
                  cpu: 500m
              unsupported:
                podTemplate:
                  spec:
                    containers:
                      - name: keycloak
                        securityContext:
                          allowPrivilegeEscalation: false
            """;

    private static final String REALM_IMPORT = """
            apiVersion: k8s.keycloak.org/v2alpha1
            kind: KeycloakRealmImport
            metadata:
              name: alpr-realm
            spec:
              keycloakCRName: alpr-keycloak
              realm:
                realm: alpr
            """;

    private static final String OBJECT_STORE = """
            apiVersion: barmancloud.cnpg.io/v1
            kind: ObjectStore
            metadata:
              name: alpr-db-backups
            spec:
              retentionPolicy: 29d
              configuration:
                destinationPath: s3://alpr-db-backups/
            """;

    @Test
    void acceptsWellFormedKeycloakRealmImportAndObjectStore() {
        assertEquals(List.of(), TranscribedSchemaCheck.problems(parse(KEYCLOAK)));
        assertEquals(List.of(), TranscribedSchemaCheck.problems(parse(REALM_IMPORT)));
        assertEquals(List.of(), TranscribedSchemaCheck.problems(parse(OBJECT_STORE)));
    }

    @Test
    void refusesAFieldTheKeycloakSchemaDoesNotHave() {
        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/db")).put("password", "secret");

        assertHas(TranscribedSchemaCheck.problems(keycloak), "password");
    }

    @Test
    void refusesTextForTheInstanceCount() {
        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().path("spec")).put("instances", "two");

        assertHas(TranscribedSchemaCheck.problems(keycloak), "instances");
    }

    @Test
    void refusesASecretReferenceWithoutItsKey() {
        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/db/usernameSecret")).remove("key");

        assertHas(TranscribedSchemaCheck.problems(keycloak), "key");
    }

    @Test
    void checksThePodTemplateAgainstTheBuiltInModels() {
        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/unsupported/podTemplate/spec/containers/0/securityContext"))
                .put("runAsNonRot", true);

        assertHas(TranscribedSchemaCheck.problems(keycloak),
                "unknown field /spec/unsupported/podTemplate/spec/containers/0/securityContext/runAsNonRot");
    }

    @Test
    void refusesARealmImportWithoutTheKeycloakItBelongsTo() {
        Manifest realmImport = parse(REALM_IMPORT);
        ((ObjectNode) realmImport.body().path("spec")).remove("keycloakCRName");

        assertHas(TranscribedSchemaCheck.problems(realmImport), "keycloakCRName");
    }

    @Test
    void refusesAClientFieldTheRealmSchemaDoesNotHave() {
        Manifest realmImport = parse(REALM_IMPORT);
        ((ObjectNode) realmImport.body().at("/spec/realm")).putArray("clients").addObject()
                .put("clientId", "alpr-web").put("pkceMethod", "S256");

        assertHas(TranscribedSchemaCheck.problems(realmImport), "pkceMethod");
    }

    @Test
    void refusesABackupRetentionThatIsNotAPeriod() {
        Manifest objectStore = parse(OBJECT_STORE);
        ((ObjectNode) objectStore.body().path("spec")).put("retentionPolicy", "30 days");

        assertHas(TranscribedSchemaCheck.problems(objectStore), "retentionPolicy");
    }

    private static Manifest parse(String yaml) {
        return RenderedManifests.parse("test", yaml).getFirst();
    }
}
