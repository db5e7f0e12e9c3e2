package city.alpr.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** One Kubernetes object of a rendered overlay (or of a test's own YAML), as parsed JSON. */
record Manifest(String source, JsonNode body) {

    String apiVersion() {
        return body.path("apiVersion").asText();
    }

    String kind() {
        return body.path("kind").asText();
    }

    /** {@code apiVersion/kind}, e.g. {@code apps/v1/Deployment}: what the schema checks dispatch on. */
    String type() {
        return apiVersion() + "/" + kind();
    }

    String name() {
        return body.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
        return source + ": " + kind() + "/" + name();
    }
}
