package city.alpr.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import static org.junit.jupiter.api.Assertions.fail;

/** The objects {@code kubectl kustomize} renders from an overlay, offline; each overlay is rendered once per run. */
final class RenderedManifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<Overlay, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

    private RenderedManifests() {
    }

    static List<Manifest> of(Overlay overlay) {
        RequiredTool.KUBECTL.require();
        return RENDERED.computeIfAbsent(overlay, RenderedManifests::render);
    }

    private static List<Manifest> render(Overlay overlay) {
        var kubectl = new ExternalCommand(List.of(RequiredTool.KUBECTL.command(), "kustomize",
                overlay.directory().toString()), Repository.k8s()).run();
        if (!kubectl.succeeded()) {
            fail("kubectl kustomize " + overlay + " failed (exit " + kubectl.exitCode() + "):\n" + kubectl.stderr());
        }
        List<Manifest> manifests = parse(overlay.toString(), kubectl.stdout());
        if (manifests.isEmpty()) {
            fail("kubectl kustomize " + overlay + " rendered no objects");
        }
        return manifests;
    }

    /** Every non-empty document of a multi-document YAML stream. */
    static List<Manifest> parse(String source, String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    manifests.add(new Manifest(source, document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML (" + source + "): " + e.getMessage(), e);
        }
        return manifests;
    }
}
