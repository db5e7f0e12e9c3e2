package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A registered camera as the custodian sees it. */
public record CameraView(String id, String gatewayId, String site, double latitude, double longitude,
        boolean active, OffsetDateTime registeredAt, OffsetDateTime lastHeartbeatAt,
        @Schema(description = "How many times the registration was changed since it was made, plus one") int version) {

    static final String COLUMNS = """
            c.id, c.gateway_id, c.site, c.latitude, c.longitude, c.active, c.registered_at, c.last_heartbeat_at,
            (select max(version) from camera_registration r where r.camera_id = c.id) as version""";

    static CameraView from(Row row) {
        return new CameraView(row.getString("id"), row.getString("gateway_id"), row.getString("site"),
                row.getDouble("latitude"), row.getDouble("longitude"), row.getBoolean("active"),
                row.getOffsetDateTime("registered_at"), row.getOffsetDateTime("last_heartbeat_at"),
                row.getInteger("version"));
    }

    /** What a registration says, as the access log records a change from it or to it. */
    Map<String, Object> registration() {
        return new CameraRegistration(id, gatewayId, site, latitude, longitude, active).logged();
    }
}
