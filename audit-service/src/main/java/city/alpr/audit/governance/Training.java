package city.alpr.audit.governance;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.mutiny.sqlclient.Row;

/** A training record (R11): without a current one, a user is refused access to read data. */
@Schema(description = "A completed ALPR training, valid until it expires")
public record Training(long id, String username, String course, Instant completedAt, Instant expiresAt,
        String recordedBy, Instant recordedAt, boolean current) {

    static final String COLUMNS = """
            id, username, course, completed_at, expires_at, recorded_by, recorded_at,
            (completed_at <= now() and expires_at > now()) as current""";

    static Training from(Row row) {
        return new Training(row.getLong("id"), row.getString("username"), row.getString("course"),
                row.getOffsetDateTime("completed_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                row.getString("recorded_by"), row.getOffsetDateTime("recorded_at").toInstant(), row.getBoolean("current"));
    }
}
