package city.alpr.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static city.alpr.k8s.BuiltInSchemaCheckTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The CloudNativePG checks refuse unknown fields (which the package's own validate() lets through), wrong types and
 * missing required fields, and locate problems inside an ObjectStore's Barman configuration.
 */
class CloudNativePgSchemaCheckTest {

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
              configuration:
                destinationPath: s3://alpr-db-backups/
            """;

    @Test
    void acceptsWellFormedObjects() {
        assertEquals(List.of(), problems(parse(CLUSTER)));
        assertEquals(List.of(), problems(parse(SCHEDULED_BACKUP)));
        assertEquals(List.of(), problems(parse(OBJECT_STORE)));
    }

    @Test
    void refusesAnUnknownFieldThatValidateAloneLetsThrough() {
        Manifest cluster = parse(CLUSTER);
        ((ObjectNode) cluster.body().at("/spec/storage")).put("sizee", "2Gi");

        assertEquals(List.of("unknown field /spec/storage/sizee"), problems(cluster));
    }

    @Test
    void refusesAPasswordSecretKeyTheRoleReferenceDoesNotHave() {
        Manifest cluster = parse(CLUSTER);
        ((ObjectNode) cluster.body().at("/spec/managed/roles/0/passwordSecret")).put("key", "password");

        assertEquals(List.of("unknown field /spec/managed/roles/0/passwordSecret/key"), problems(cluster));
    }

    @Test
    void refusesTextForTheInstanceCount() {
        Manifest cluster = parse(CLUSTER);
        ((ObjectNode) cluster.body().path("spec")).put("instances", "three");

        assertHas(problems(cluster), "data/spec/instances must be integer");
    }

    @Test
    void refusesAScheduledBackupWithoutSchedule() {
        Manifest backup = parse(SCHEDULED_BACKUP);
        ((ObjectNode) backup.body().path("spec")).remove("schedule");

        assertHas(problems(backup), "data/spec must have required property");
    }

    @Test
    void locatesAnUnknownFieldInAnObjectStoresConfiguration() {
        Manifest objectStore = parse(OBJECT_STORE);
        ((ObjectNode) objectStore.body().at("/spec/configuration")).put("retentionPolicy", "29d");

        assertEquals(List.of("unknown field /spec/configuration/retentionPolicy"), problems(objectStore));
    }

    @Test
    void refusesAKindCloudNativePgDoesNotHave() {
        Manifest widget = parse(SCHEDULED_BACKUP.replace("kind: ScheduledBackup", "kind: Widget"));

        assertEquals(List.of("no CloudNativePG model named postgresql.cnpg.io/v1/Widget"), problems(widget));
    }

    private static List<String> problems(Manifest manifest) {
        return CloudNativePgSchemaCheck.problems(List.of(manifest)).get(manifest);
    }

    private static Manifest parse(String yaml) {
        return RenderedManifests.parse("test", yaml).getFirst();
    }
}
