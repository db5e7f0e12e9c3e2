package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A camera the custodian registered, and the gateway allowed to submit its reads (R2). */
@Entity
@Table(name = "camera")
public class Camera {

    @Id
    public String id;

    @Column(name = "gateway_id", nullable = false)
    public String gatewayId;

    @Column(nullable = false)
    public String site;

    public double latitude;

    public double longitude;

    public boolean active;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "last_heartbeat_at")
    public OffsetDateTime lastHeartbeatAt;
}
