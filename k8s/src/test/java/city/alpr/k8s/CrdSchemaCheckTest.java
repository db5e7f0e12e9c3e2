package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operators' published CRDs, read strictly, refuse what the API server would: unknown fields (also deep in a
 * pod template or a realm), wrong types, missing required fields, values outside an enum or a pattern.
 */
class CrdSchemaCheckTest {

    private static final String CLUSTER = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: alpr-db
            spec:
              instances: 1
              storage:
                size: 1Gi
              managed:
                roles:
                  - name: alpr_ingest
                    login: true
                    passwordSecret:
                      name: alpr-ingest-db
            """;

    private static final String SCHEDULED_BACKUP = """
            apiVersion: postgresql.cnpg.io/v1
            kind: ScheduledBackup
            metadata:
              name: alpr-db-daily
            spec:
              cluster:
                name: alpr-db
              schedule: "0 0 2 * * *"
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
                  memory: 1Gi
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

    @Test
    void theCrdsOfEveryOperatorKindWeUseAreLoadedByTheirPublishedVersions() {
        assertTrue(CrdSchemaCheck.types().containsAll(List.of("postgresql.cnpg.io/v1/Cluster",
                "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore",
                "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2beta1/Keycloak",
                "k8s.keycloak.org/v2alpha1/KeycloakRealmImport")), CrdSchemaCheck.types().toString());
    }

    @Test
    void acceptsWellFormedObjectsOfEachKind() {
        for (String yaml : List.of(CLUSTER, SCHEDULED_BACKUP, OBJECT_STORE, KEYCLOAK, REALM_IMPORT)) {
            Manifest manifest = parse(yaml);
            assertEquals(List.of(), CrdSchemaCheck.problems(manifest), manifest.toString());
        }
    }

    @Test
    void refusesAnUnknownField() {
        Manifest cluster = parse(CLUSTER);
        ((ObjectNode) cluster.body().at("/spec/storage")).put("sizee", "2Gi");
        assertHas(CrdSchemaCheck.problems(cluster), "sizee");

        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/db")).put("password", "secret");
        assertHas(CrdSchemaCheck.problems(keycloak), "password");
    }

    @Test
    void refusesAnUnknownFieldDeepInThePodTemplate() {
        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/unsupported/podTemplate/spec/containers/0/securityContext"))
                .put("runAsNonRot", true);
        assertHas(CrdSchemaCheck.problems(keycloak), "runAsNonRot");
    }

    @Test
    void refusesAClientFieldTheRealmRepresentationDoesNotHave() {
        Manifest realmImport = parse(REALM_IMPORT);
        ((ObjectNode) realmImport.body().at("/spec/realm")).putArray("clients").addObject()
                .put("clientId", "alpr-web").put("pkceMethod", "S256");
        assertHas(CrdSchemaCheck.problems(realmImport), "pkceMethod");
    }

    @Test
    void refusesTextForANumberAndTakesEitherWhereKubernetesDoes() {
        Manifest cluster = parse(CLUSTER);
        ((ObjectNode) cluster.body().path("spec")).put("instances", "three");
        assertHas(CrdSchemaCheck.problems(cluster), "instances");

        Manifest keycloak = parse(KEYCLOAK);
        ((ObjectNode) keycloak.body().at("/spec/resources/requests")).put("cpu", 1);
        assertEquals(List.of(), CrdSchemaCheck.problems(keycloak), "a quantity is an integer or a string");
    }

    @Test
    void refusesAMissingRequiredField() {
        Manifest backup = parse(SCHEDULED_BACKUP);
        ((ObjectNode) backup.body().path("spec")).remove("schedule");
        assertHas(CrdSchemaCheck.problems(backup), "schedule");

        Manifest realmImport = parse(REALM_IMPORT);
        ((ObjectNode) realmImport.body().path("spec")).remove("keycloakCRName");
        assertHas(CrdSchemaCheck.problems(realmImport), "keycloakCRName");
    }

    @Test
    void refusesAValueOutsideThePublishedPatternOrEnum() {
        Manifest objectStore = parse(OBJECT_STORE);
        ((ObjectNode) objectStore.body().path("spec")).put("retentionPolicy", "30 days");
        assertHas(CrdSchemaCheck.problems(objectStore), "retentionPolicy");

        Manifest backup = parse(SCHEDULED_BACKUP);
        ((ObjectNode) backup.body().path("spec")).put("method", "tape");
        assertHas(CrdSchemaCheck.problems(backup), "method");
    }

    @Test
    void refusesAKindNoPublishedCrdDefines() {
        Manifest widget = parse(SCHEDULED_BACKUP.replace("kind: ScheduledBackup", "kind: Widget"));
        assertEquals(List.of("no published CRD defines postgresql.cnpg.io/v1/Widget"), CrdSchemaCheck.problems(widget));
    }

    private static Manifest parse(String yaml) {
        return RenderedManifests.parse("test", yaml).getFirst();
    }
}
