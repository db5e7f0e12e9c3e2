package city.alpr.ingest.integrations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The table {@code vendor_camera}, which ingest-service owns: the custodian's mapping of vendor camera ids. */
@ApplicationScoped
class CameraMappingStore {

    private static final String COLUMNS = "gateway_id, vendor_camera_id, camera_id, time_zone, mapped_at, mapped_by";

    Uni<List<CameraMapping>> ofGateway(SqlClient client, String gatewayId) {
        return client.preparedQuery("select " + COLUMNS + " from vendor_camera where gateway_id = $1"
                + " order by vendor_camera_id").execute(Tuple.of(gatewayId)).map(CameraMappingStore::mappings);
    }

    Uni<Optional<CameraMapping>> find(SqlClient client, String gatewayId, String vendorCameraId) {
        return client.preparedQuery("select " + COLUMNS
                + " from vendor_camera where gateway_id = $1 and vendor_camera_id = $2")
                .execute(Tuple.of(gatewayId, vendorCameraId)).map(rows -> mappings(rows).stream().findFirst());
    }

    /** The mappings of these vendor camera ids of the gateway, by vendor camera id; read on every vendor post. */
    Uni<Map<String, CameraMapping>> of(SqlClient client, String gatewayId, Collection<String> vendorCameraIds) {
        return client.preparedQuery("select " + COLUMNS
                + " from vendor_camera where gateway_id = $1 and vendor_camera_id = any($2::text[])")
                .execute(Tuple.of(gatewayId, vendorCameraIds.toArray(String[]::new))).map(rows -> {
                    Map<String, CameraMapping> mappings = new HashMap<>();
                    mappings(rows).forEach(mapping -> mappings.put(mapping.vendorCameraId(), mapping));
                    return mappings;
                });
    }

    Uni<CameraMapping> put(SqlClient client, String gatewayId, String vendorCameraId, String cameraId, String timeZone,
            String mappedBy) {
        return client.preparedQuery("""
                insert into vendor_camera (gateway_id, vendor_camera_id, camera_id, time_zone, mapped_by)
                values ($1, $2, $3, $4, $5)
                on conflict (gateway_id, vendor_camera_id) do update
                    set camera_id = excluded.camera_id, time_zone = excluded.time_zone, mapped_at = now(),
                        mapped_by = excluded.mapped_by
                returning""" + " " + COLUMNS)
                .execute(Tuple.of(gatewayId, vendorCameraId, cameraId, timeZone, mappedBy))
                .map(rows -> mappings(rows).getFirst());
    }

    Uni<Optional<CameraMapping>> remove(SqlClient client, String gatewayId, String vendorCameraId) {
        return client.preparedQuery("delete from vendor_camera where gateway_id = $1 and vendor_camera_id = $2"
                + " returning " + COLUMNS)
                .execute(Tuple.of(gatewayId, vendorCameraId)).map(rows -> mappings(rows).stream().findFirst());
    }

    private static List<CameraMapping> mappings(RowSet<Row> rows) {
        List<CameraMapping> mappings = new ArrayList<>();
        for (Row row : rows) {
            mappings.add(new CameraMapping(row.getString("gateway_id"), row.getString("vendor_camera_id"),
                    row.getString("camera_id"), row.getString("time_zone"), row.getOffsetDateTime("mapped_at"),
                    row.getString("mapped_by")));
        }
        return mappings;
    }
}
