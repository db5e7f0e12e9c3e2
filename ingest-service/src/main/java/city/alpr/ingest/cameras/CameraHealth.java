package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether a camera is alive (R21). */
public record CameraHealth(String cameraId, String site, String gatewayId, boolean active,
        @Schema(description = "Newest of the last read and the last heartbeat") OffsetDateTime lastSeenAt,
        OffsetDateTime lastReadAt, OffsetDateTime lastHeartbeatAt,
        @Schema(description = "Reads captured in the last hour") long readsLastHour,
        @Schema(description = "Active, but not seen within the configured silence threshold") boolean silent) {
}
