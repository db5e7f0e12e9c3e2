package city.alpr.ingest.apikeys;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A gateway's API key as the custodian sees it again: never the key itself, only its first characters. */
@Schema(description = "An API key of a gateway, without the key")
public record ApiKeyView(UUID id, String gatewayId, String label,
        @Schema(description = "The key's first characters, to tell keys apart", examples = "alprk_Q3x9aB") String keyStartsWith,
        OffsetDateTime createdAt, String createdBy, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
        String revokedBy, @Schema(description = "Last accepted use, to the minute") OffsetDateTime lastUsedAt,
        @Schema(description = "Whether the key is accepted now: neither revoked nor expired") boolean active) {

    static final String COLUMNS = """
            id, gateway_id, label, key_prefix, created_at, created_by, expires_at, revoked_at, revoked_by, last_used_at,
            revoked_at is null and expires_at > now() as active""";

    static ApiKeyView from(Row row) {
        return new ApiKeyView(row.getUUID("id"), row.getString("gateway_id"), row.getString("label"),
                row.getString("key_prefix"), row.getOffsetDateTime("created_at"), row.getString("created_by"),
                row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("revoked_at"), row.getString("revoked_by"),
                row.getOffsetDateTime("last_used_at"), row.getBoolean("active"));
    }
}
