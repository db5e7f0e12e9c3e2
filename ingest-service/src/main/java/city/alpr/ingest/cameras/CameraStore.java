package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.reads.ReadDetails;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The camera registry's tables, {@code camera} and its history {@code camera_registration} (ingest-service owns
 * both): every registration and change adds a version, in the transaction the gate logs it in.
 */
@ApplicationScoped
public class CameraStore {

    private static final String RECORD_VERSION = """
            insert into camera_registration (camera_id, version, gateway_id, site, latitude, longitude, active,
                                             recorded_by)
            select id, coalesce((select max(version) from camera_registration where camera_id = $1), 0) + 1,
                   gateway_id, site, latitude, longitude, active, $2
            from camera where id = $1""";
    /** Who owns each camera and where it stands; read on every ingest request. */
    private static final String OWNERS = """
            select id, gateway_id, active, site, latitude, longitude from camera where id = any($1::text[])""";

    Uni<Optional<CameraView>> find(SqlClient client, String id) {
        return client.preparedQuery("select " + CameraView.COLUMNS + " from camera c where c.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(CameraView.from(rows.iterator().next()))
                        : Optional.empty());
    }

    Uni<List<CameraView>> all(SqlClient client) {
        return client.query("select " + CameraView.COLUMNS + " from camera c order by c.id").execute().map(rows -> {
            List<CameraView> cameras = new ArrayList<>();
            rows.forEach(row -> cameras.add(CameraView.from(row)));
            return cameras;
        });
    }

    /** @return false when a camera of that id is registered already */
    Uni<Boolean> insert(SqlClient client, CameraRegistration registration, String recordedBy) {
        return client.preparedQuery("""
                insert into camera (id, gateway_id, site, latitude, longitude, active)
                values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing""")
                .execute(Tuple.of(registration.id(), registration.gatewayId(), registration.site(),
                        registration.latitude(), registration.longitude(), registration.isActive()))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false)
                        : recordVersion(client, registration.id(), recordedBy).replaceWith(true));
    }

    Uni<Void> update(SqlClient client, CameraRegistration registration, String recordedBy) {
        return client.preparedQuery("""
                update camera set gateway_id = $2, site = $3, latitude = $4, longitude = $5, active = $6
                where id = $1""")
                .execute(Tuple.of(registration.id(), registration.gatewayId(), registration.site(),
                        registration.latitude(), registration.longitude(), registration.isActive()))
                .chain(() -> recordVersion(client, registration.id(), recordedBy));
    }

    private static Uni<Void> recordVersion(SqlClient client, String id, String recordedBy) {
        return client.preparedQuery(RECORD_VERSION).execute(Tuple.of(id, recordedBy)).replaceWithVoid();
    }

    /** Each camera's last read and heartbeat; silent if active but seen by neither since {@code silentBefore}. */
    Uni<List<CameraHealth>> health(SqlClient client, OffsetDateTime silentBefore) {
        return client.query("""
                select c.id, c.site, c.gateway_id, c.active, c.last_heartbeat_at, last_read.captured_at as last_read_at,
                       (select count(*) from plate_read r
                         where r.camera_id = c.id and r.captured_at > now() - interval '1 hour') as reads_last_hour
                from camera c
                left join lateral (select r.captured_at from plate_read r where r.camera_id = c.id
                                   order by r.captured_at desc limit 1) last_read on true
                order by c.id""").execute().map(rows -> {
            List<CameraHealth> health = new ArrayList<>();
            for (Row row : rows) {
                health.add(CameraHealth.of(row.getString("id"), row.getString("site"), row.getString("gateway_id"),
                        row.getBoolean("active"), row.getOffsetDateTime("last_read_at"),
                        row.getOffsetDateTime("last_heartbeat_at"), row.getLong("reads_last_hour"), silentBefore));
            }
            return health;
        });
    }

    /** @return false when the camera is not registered to this gateway (or not at all) */
    Uni<Boolean> heartbeat(SqlClient client, String gatewayId, String cameraId) {
        return client.preparedQuery("update camera set last_heartbeat_at = now() where id = $1 and gateway_id = $2")
                .execute(Tuple.of(cameraId, gatewayId)).map(rows -> rows.rowCount() == 1);
    }

    /** Marks these active cameras of the gateway alive (a vendor engine's heartbeat); @return the cameras marked */
    public Uni<List<String>> heartbeats(SqlClient client, String gatewayId, Collection<String> cameraIds) {
        return client.preparedQuery("""
                update camera set last_heartbeat_at = now()
                where gateway_id = $1 and active and id = any($2::text[]) returning id""")
                .execute(Tuple.of(gatewayId, cameraIds.toArray(String[]::new))).map(rows -> {
                    List<String> marked = new ArrayList<>();
                    rows.forEach(row -> marked.add(row.getString("id")));
                    return marked.stream().sorted().toList();
                });
    }

    /** Who owns each of these cameras, and the site a read of it is sealed with. */
    public Uni<Map<String, CameraOwnership>> owners(SqlClient client, Collection<String> cameraIds) {
        return client.preparedQuery(OWNERS).execute(Tuple.tuple().addValue(cameraIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, CameraOwnership> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(row.getString("id"), new CameraOwnership(row.getString("gateway_id"),
                                row.getBoolean("active"), new ReadDetails.Site(row.getString("site"),
                                        row.getDouble("latitude"), row.getDouble("longitude"))));
                    }
                    return owners;
                });
    }
}
