package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;

public record CameraView(String id, String gatewayId, String site, double latitude, double longitude,
        boolean active, OffsetDateTime registeredAt, OffsetDateTime lastHeartbeatAt) {

    static CameraView from(Camera camera) {
        return new CameraView(camera.id, camera.gatewayId, camera.site, camera.latitude, camera.longitude,
                camera.active, camera.registeredAt, camera.lastHeartbeatAt);
    }
}
