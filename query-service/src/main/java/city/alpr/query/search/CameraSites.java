package city.alpr.query.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where each camera stands and has stood, for the camera and area filters of a search: every version of its
 * registration ({@code camera_registration}, which ingest-service owns), so that a search of an area finds the reads a
 * camera took there before it was moved. Read for each search that filters by camera or area, so a camera registered
 * a moment ago is searched too; a search by plate alone does not need them (each read seals its site).
 */
@ApplicationScoped
class CameraSites {

    record Position(double latitude, double longitude) {
    }

    /** Every position each camera has been registered at, read through the caller's connection. */
    Uni<Map<String, List<Position>>> positions(SqlClient client) {
        return client.query("""
                select id as camera_id, latitude, longitude from camera
                union
                select camera_id, latitude, longitude from camera_registration""").execute().map(rows -> {
            Map<String, List<Position>> positions = new LinkedHashMap<>();
            for (Row row : rows) {
                positions.computeIfAbsent(row.getString("camera_id"), id -> new ArrayList<>())
                        .add(new Position(row.getDouble("latitude"), row.getDouble("longitude")));
            }
            return positions;
        });
    }
}
