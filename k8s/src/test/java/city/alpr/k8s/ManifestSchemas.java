package city.alpr.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * Which schema each object is checked against: the built-in Kubernetes models, or the CRD its operator publishes.
 * An object of a kind none of them knows is a problem, never a skip.
 */
final class ManifestSchemas {

    private ManifestSchemas() {
    }

    /** Every problem found, each prefixed with the object it is in. */
    static List<String> problems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            boolean known = false;
            if (BuiltInSchemaCheck.covers(manifest)) {
                BuiltInSchemaCheck.problems(manifest).forEach(problem -> problems.add(manifest + ": " + problem));
                known = true;
            }
            if (CrdSchemaCheck.covers(manifest)) {
                CrdSchemaCheck.problems(manifest).forEach(problem -> problems.add(manifest + ": " + problem));
                known = true;
            }
            if (!known) {
                problems.add(manifest + ": no schema for " + manifest.type() + ", so it cannot be checked");
            }
        }
        return problems;
    }
}
