package city.alpr.k8s;

import java.nio.file.Path;

/** Every kustomization that must render: the base and each overlay. */
enum Overlay {
    BASE("base"),
    LOCAL("overlays/local"),
    PRODUCTION("overlays/production");

    private final String path;

    Overlay(String path) {
        this.path = path;
    }

    Path directory() {
        return Repository.k8s().resolve(path);
    }

    @Override
    public String toString() {
        return path;
    }
}
