package city.alpr.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks CloudNativePG objects, and the Barman Cloud configuration inside an ObjectStore, against the models of
 * the npm package {@code @kubernetes-models/cloudnative-pg}, generated from CloudNativePG's API types. Its
 * {@code validate()} checks types, enums and required fields but lets unknown fields through, so the node script
 * {@code src/test/js/validate-cloudnative-pg.mjs} also reports every field the schema did not read.
 */
final class CloudNativePgSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Repository.k8s().resolve("src/test/js");

    private CloudNativePgSchemaCheck() {
    }

    static boolean covers(Manifest manifest) {
        return manifest.apiVersion().equals("postgresql.cnpg.io/v1") || isObjectStore(manifest);
    }

    /** Problems per manifest, for all of them in one run of node. */
    static Map<Manifest, List<String>> problems(List<Manifest> manifests) {
        Map<Manifest, List<String>> problems = new LinkedHashMap<>();
        if (manifests.isEmpty()) {
            return problems;
        }
        RequiredTool.NODE.require();
        RequiredTool.NPM.require();
        installValidatorPackages();
        ArrayNode requests = JSON.createArrayNode();
        for (int index = 0; index < manifests.size(); index++) {
            Manifest manifest = manifests.get(index);
            ObjectNode request = requests.addObject().put("id", String.valueOf(index));
            if (isObjectStore(manifest)) {
                request.put("model", "barman-cloud/BarmanObjectStoreConfiguration");
                request.put("at", "/spec/configuration");
                request.set("value", manifest.body().at("/spec/configuration"));
            } else {
                request.put("model", manifest.type());
                request.set("value", manifest.body());
            }
        }
        var node = new ExternalCommand(List.of(RequiredTool.NODE.command(), "validate-cloudnative-pg.mjs"), SCRIPTS)
                .run(requests.toString());
        if (!node.succeeded()) {
            fail("the CloudNativePG validator failed (exit " + node.exitCode() + "):\n" + node.stderr());
        }
        for (JsonNode result : read(node.stdout())) {
            List<String> found = new ArrayList<>();
            result.path("problems").forEach(problem -> found.add(problem.asText()));
            problems.put(manifests.get(result.path("id").asInt()), found);
        }
        return problems;
    }

    private static boolean isObjectStore(Manifest manifest) {
        return manifest.type().equals("barmancloud.cnpg.io/v1/ObjectStore");
    }

    /**
     * Runs {@code npm ci} from the committed lock file unless {@code node_modules} already holds exactly what it
     * locks (npm records what it installed in {@code node_modules/.package-lock.json}).
     */
    private static synchronized void installValidatorPackages() {
        if (installedAsLocked()) {
            return;
        }
        var npm = new ExternalCommand(List.of(RequiredTool.NPM.command(), "ci", "--no-audit", "--no-fund",
                "--ignore-scripts"), SCRIPTS).run();
        if (!npm.succeeded()) {
            fail("npm ci in " + SCRIPTS + " failed (exit " + npm.exitCode() + "):\n" + npm.stderr());
        }
    }

    private static boolean installedAsLocked() {
        Path installed = SCRIPTS.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installed)) {
            return false;
        }
        JsonNode locked = read(SCRIPTS.resolve("package-lock.json")).path("packages").deepCopy();
        ((ObjectNode) locked).remove("");
        return locked.equals(read(installed).path("packages"));
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the CloudNativePG validator did not answer JSON: " + json, e);
        }
    }
}
