package city.alpr.ingest.apikeys;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The table {@code gateway_api_key}, which ingest-service owns: issued keys, their revocation and their last use. */
@ApplicationScoped
class ApiKeyStore {

    /** The gateway a key belongs to, if the key is neither revoked nor expired. */
    record ActiveKey(UUID id, String gatewayId, OffsetDateTime lastUsedAt) {
    }

    Uni<ApiKeyView> insert(SqlClient client, String gatewayId, String label, ApiKeySecret key, int validDays,
            String createdBy) {
        return client.preparedQuery("""
                insert into gateway_api_key (id, gateway_id, label, key_hash, key_prefix, expires_at, created_by)
                values (gen_random_uuid(), $1, $2, $3, $4, now() + make_interval(days => $5), $6)
                returning""" + " " + ApiKeyView.COLUMNS)
                .execute(Tuple.of(gatewayId, label, Buffer.buffer(key.hash()), key.shown(),
                        validDays, createdBy))
                .map(rows -> ApiKeyView.from(rows.iterator().next()));
    }

    Uni<List<ApiKeyView>> ofGateway(SqlClient client, String gatewayId) {
        return client.preparedQuery("select " + ApiKeyView.COLUMNS
                + " from gateway_api_key where gateway_id = $1 order by created_at, id")
                .execute(Tuple.of(gatewayId)).map(ApiKeyStore::views);
    }

    Uni<Optional<ApiKeyView>> find(SqlClient client, String gatewayId, UUID id) {
        return client.preparedQuery("select " + ApiKeyView.COLUMNS
                + " from gateway_api_key where gateway_id = $1 and id = $2")
                .execute(Tuple.of(gatewayId, id)).map(rows -> views(rows).stream().findFirst());
    }

    /** @return false when the key was revoked already */
    Uni<Boolean> revoke(SqlClient client, String gatewayId, UUID id, String revokedBy) {
        return client.preparedQuery("""
                update gateway_api_key set revoked_at = now(), revoked_by = $3
                where gateway_id = $1 and id = $2 and revoked_at is null""")
                .execute(Tuple.of(gatewayId, id, revokedBy)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<ActiveKey>> active(SqlClient client, ApiKeySecret key) {
        return client.preparedQuery("""
                select id, gateway_id, last_used_at from gateway_api_key
                where key_hash = $1 and revoked_at is null and expires_at > now()""")
                .execute(Tuple.of(Buffer.buffer(key.hash())))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ActiveKey(row.getUUID("id"), row.getString("gateway_id"),
                            row.getOffsetDateTime("last_used_at")));
                });
    }

    /** Records a use, at most once per {@code resolution}: a key in steady use does not rewrite its row per request. */
    Uni<Void> recordUse(SqlClient client, UUID id, Duration resolution) {
        return client.preparedQuery("""
                update gateway_api_key set last_used_at = now()
                where id = $1 and (last_used_at is null or last_used_at < now() - make_interval(secs => $2))""")
                .execute(Tuple.of(id, (double) resolution.toSeconds())).replaceWithVoid();
    }

    private static List<ApiKeyView> views(RowSet<Row> rows) {
        List<ApiKeyView> views = new ArrayList<>();
        rows.forEach(row -> views.add(ApiKeyView.from(row)));
        return views;
    }
}
