package city.alpr.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which schema each object is checked against: the built-in Kubernetes models, CloudNativePG's, or our
 * transcriptions. An object of a kind none of them knows is a problem, never a skip.
 */
final class ManifestSchemas {

    private ManifestSchemas() {
    }

    /** Every problem found, each prefixed with the object it is in. */
    static List<String> problems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<Manifest> cloudNativePg = new ArrayList<>();
        for (Manifest manifest : manifests) {
            boolean known = false;
            if (BuiltInSchemaCheck.covers(manifest)) {
                BuiltInSchemaCheck.problems(manifest).forEach(problem -> problems.add(manifest + ": " + problem));
                known = true;
            }
            if (TranscribedSchemaCheck.covers(manifest)) {
                TranscribedSchemaCheck.problems(manifest).forEach(problem -> problems.add(manifest + ": " + problem));
                known = true;
            }
            if (CloudNativePgSchemaCheck.covers(manifest)) {
                cloudNativePg.add(manifest);
                known = true;
            }
            if (!known) {
                problems.add(manifest + ": no schema for " + manifest.type() + ", so it cannot be checked");
            }
        }
        for (Map.Entry<Manifest, List<String>> checked : CloudNativePgSchemaCheck.problems(cloudNativePg).entrySet()) {
            checked.getValue().forEach(problem -> problems.add(checked.getKey() + ": " + problem));
        }
        return problems;
    }
}
