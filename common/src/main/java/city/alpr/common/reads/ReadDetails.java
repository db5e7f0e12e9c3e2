package city.alpr.common.reads;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The personal part of a read, stored only sealed under the capture day's key (R1, R5): ingest seals it, the
 * query service opens it. Serialized by reflection, also in a native image.
 */
@RegisterForReflection
public record ReadDetails(String plate, String normalizedPlate, String region, Double confidence, Location location,
        Vehicle vehicle) {

    /** Where the read was taken, when the camera reports it (mobile cameras). */
    @RegisterForReflection
    public record Location(Double latitude, Double longitude) {
    }

    @RegisterForReflection
    public record Vehicle(String make, String color, String type) {
    }
}
