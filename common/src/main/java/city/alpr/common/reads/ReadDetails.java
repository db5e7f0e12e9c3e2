package city.alpr.common.reads;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The personal part of a read, stored only sealed under the capture day's key (R1, R5): ingest seals it, the
 * query service opens it. Its camera, the camera's site and position as registered when the read was taken, and its
 * capture time are sealed with it, so they are authenticated: editing a camera later moves none of its past reads,
 * and a row whose plaintext camera or time was changed no longer matches what it seals. Serialized by reflection,
 * also in a native image.
 *
 * @param capturedAt the capture time, ISO-8601 UTC to the microsecond, as the row stores it
 * @param source the vendor format the read arrived in ({@code /v1/integrations/{format}/reads}); null for the native API
 * @param imageNote why the read holds no plate image, when its format may deliver reads without one
 * @param candidates the engine's other readings of the plate, most confident first; empty when it gave none
 */
@RegisterForReflection
public record ReadDetails(String plate, String normalizedPlate, String region, Double confidence, Location location,
        Vehicle vehicle, String cameraId, String capturedAt, Site site, String source, String imageNote,
        List<Candidate> candidates) {

    /** Whether these details were sealed for a row of this camera and capture time. */
    public boolean describes(String rowCameraId, OffsetDateTime rowCapturedAt) {
        return rowCameraId.equals(cameraId) && capturedAt != null
                && Instant.parse(capturedAt).equals(rowCapturedAt.toInstant());
    }

    /** Where the read was taken, when the camera reports it (mobile cameras). */
    @RegisterForReflection
    public record Location(Double latitude, Double longitude) {
    }

    @RegisterForReflection
    public record Vehicle(String make, String color, String type) {
    }

    /** One of the engine's other readings of the plate, and its confidence (0-1). */
    @RegisterForReflection
    public record Candidate(String plate, Double confidence) {
    }

    /** The camera's site as the custodian had registered it when the read was taken. */
    @RegisterForReflection
    public record Site(String name, double latitude, double longitude) {
    }
}
