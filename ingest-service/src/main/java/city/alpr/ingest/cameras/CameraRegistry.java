package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The camera registry the custodian maintains, and the facts ingest needs about it. */
@ApplicationScoped
public class CameraRegistry {

    /** Who owns each camera; read on every ingest request, so it bypasses the ORM. */
    private static final String OWNERS = "select id, gateway_id, active from camera where id = any($1::text[])";
    private static final String HEALTH = """
            select c.id, c.site, c.gateway_id, c.active, c.last_heartbeat_at, last_read.captured_at as last_read_at,
                   (select count(*) from plate_read r
                     where r.camera_id = c.id and r.captured_at > now() - interval '1 hour') as reads_last_hour
            from camera c
            left join lateral (select r.captured_at from plate_read r where r.camera_id = c.id
                               order by r.captured_at desc limit 1) last_read on true
            order by c.id""";

    private final CameraRepository cameras;
    private final Pool pool;
    private final IngestConfig config;

    CameraRegistry(CameraRepository cameras, Pool pool, IngestConfig config) {
        this.cameras = cameras;
        this.pool = pool;
        this.config = config;
    }

    public record Ownership(String gatewayId, boolean active) {
    }

    @WithTransaction
    public Uni<Camera> register(CameraRegistration registration) {
        return cameras.findById(registration.id()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "camera " + registration.id() + " is already registered; update it instead",
                        List.of(Violation.of("id", "is already registered")));
            }
            Camera camera = new Camera();
            camera.id = registration.id();
            camera.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
            apply(camera, registration);
            return cameras.persist(camera);
        });
    }

    @WithTransaction
    public Uni<Camera> update(String id, CameraRegistration registration) {
        if (!id.equals(registration.id())) {
            throw ProblemException.invalid(List.of(Violation.of("id", "must match the camera in the path (" + id + ")")));
        }
        return find(id).invoke(camera -> apply(camera, registration));
    }

    @WithSession
    public Uni<Camera> find(String id) {
        return cameras.findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no camera " + id + " is registered"));
    }

    public Uni<List<Camera>> list() {
        return cameras.listAllById();
    }

    /** Records a gateway's heartbeat for one of its own cameras. */
    @WithTransaction
    public Uni<Camera> heartbeat(String gatewayId, String cameraId) {
        return find(cameraId).invoke(camera -> {
            if (!camera.gatewayId.equals(gatewayId)) {
                throw ProblemException.forbidden("camera " + cameraId + " is not registered to this gateway", List.of());
            }
            camera.lastHeartbeatAt = OffsetDateTime.now(ZoneOffset.UTC);
        });
    }

    public Uni<Map<String, Ownership>> owners(Collection<String> cameraIds) {
        return pool.preparedQuery(OWNERS).execute(Tuple.tuple().addValue(cameraIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Ownership> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(row.getString("id"),
                                new Ownership(row.getString("gateway_id"), row.getBoolean("active")));
                    }
                    return owners;
                });
    }

    public Uni<List<CameraHealth>> health() {
        OffsetDateTime silentBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.ingest().silentAfter());
        return pool.preparedQuery(HEALTH).execute().map(rows -> {
            List<CameraHealth> health = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime lastRead = row.getOffsetDateTime("last_read_at");
                OffsetDateTime lastHeartbeat = row.getOffsetDateTime("last_heartbeat_at");
                OffsetDateTime lastSeen = latest(lastRead, lastHeartbeat);
                boolean active = row.getBoolean("active");
                health.add(new CameraHealth(row.getString("id"), row.getString("site"), row.getString("gateway_id"),
                        active, lastSeen, lastRead, lastHeartbeat, row.getLong("reads_last_hour"),
                        active && (lastSeen == null || lastSeen.isBefore(silentBefore))));
            }
            return health;
        });
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static void apply(Camera camera, CameraRegistration registration) {
        camera.gatewayId = registration.gatewayId();
        camera.site = registration.site();
        camera.latitude = registration.latitude();
        camera.longitude = registration.longitude();
        camera.active = registration.active() == null || registration.active();
    }
}
