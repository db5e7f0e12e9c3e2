package city.alpr.k8s;

import java.nio.file.Path;

/** Where the checks find the manifests and the files they are compared with. */
final class Repository {

    private Repository() {
    }

    /** The {@code k8s} module, from the build ({@code alpr.k8s.dir}) or the working directory of the test run. */
    static Path k8s() {
        return Path.of(System.getProperty("alpr.k8s.dir", "")).toAbsolutePath().normalize();
    }

    static Path root() {
        return k8s().getParent();
    }
}
