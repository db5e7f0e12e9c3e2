package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether a camera is alive (R21). */
public record CameraHealth(String cameraId, String site, String gatewayId, boolean active,
        @Schema(description = "Newest of the last read and the last heartbeat") OffsetDateTime lastSeenAt,
        OffsetDateTime lastReadAt, OffsetDateTime lastHeartbeatAt,
        @Schema(description = "Reads captured in the last hour") long readsLastHour,
        @Schema(description = "Active, but not seen within the configured silence threshold") boolean silent) {

    /** A camera is silent when it is active but neither a read nor a heartbeat came since {@code silentBefore}. */
    static CameraHealth of(String cameraId, String site, String gatewayId, boolean active, OffsetDateTime lastReadAt,
            OffsetDateTime lastHeartbeatAt, long readsLastHour, OffsetDateTime silentBefore) {
        OffsetDateTime lastSeen = lastReadAt == null || (lastHeartbeatAt != null && lastHeartbeatAt.isAfter(lastReadAt))
                ? lastHeartbeatAt
                : lastReadAt;
        return new CameraHealth(cameraId, site, gatewayId, active, lastSeen, lastReadAt, lastHeartbeatAt, readsLastHour,
                active && (lastSeen == null || lastSeen.isBefore(silentBefore)));
    }
}
