package city.alpr.query.search;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.search.ReadSearch.Site;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Where each camera stands, for area filters and for naming the site of each result. Cameras change a few times
 * a year, so the list is read at most every {@value #FRESH_SECONDS} seconds rather than on every search.
 */
@ApplicationScoped
class CameraSites {

    private static final int FRESH_SECONDS = 30;

    private record Snapshot(long loadedAtNanos, Map<String, Site> sites) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    /** The sites, read through the caller's connection when the copy in memory is stale. */
    Uni<Map<String, Site>> all(SqlClient client) {
        Snapshot snapshot = current.get();
        if (snapshot != null
                && System.nanoTime() - snapshot.loadedAtNanos() < Duration.ofSeconds(FRESH_SECONDS).toNanos()) {
            return Uni.createFrom().item(snapshot.sites());
        }
        return client.query("select id, site, latitude, longitude from camera").execute().map(rows -> {
            Map<String, Site> sites = new LinkedHashMap<>();
            for (Row row : rows) {
                sites.put(row.getString("id"), new Site(row.getString("site"), row.getDouble("latitude"),
                        row.getDouble("longitude")));
            }
            current.set(new Snapshot(System.nanoTime(), Map.copyOf(sites)));
            return sites;
        });
    }
}
