package city.alpr.audit.log;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** One access-log record as compliance staff read it (R16). */
@Schema(description = "One access-log record")
public record LogEntry(long seq, Instant occurredAt, String service, String action, String outcome, String username,
        String agency, String role, String purpose, String caseNumber, Map<String, Object> dataElements,
        Integer resultCount, String target, String reason, String clientAddress, String hash) {

    static final String COLUMNS = """
            seq, occurred_at, service, action, outcome, username, agency, role, purpose, case_number, data_elements,
            result_count, target, reason, client_address, hash""";

    static LogEntry from(Row row) {
        JsonObject elements = (JsonObject) row.getValue("data_elements");
        return new LogEntry(row.getLong("seq"), row.getOffsetDateTime("occurred_at").toInstant(), row.getString("service"),
                row.getString("action"), row.getString("outcome"), row.getString("username"), row.getString("agency"),
                row.getString("role"), row.getString("purpose"), row.getString("case_number"), elements.getMap(),
                row.getInteger("result_count"), row.getString("target"), row.getString("reason"),
                row.getString("client_address"), HexFormat.of().formatHex(row.getBuffer("hash").getBytes()));
    }
}
