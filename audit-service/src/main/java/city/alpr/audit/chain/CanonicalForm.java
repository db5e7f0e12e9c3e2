package city.alpr.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The bytes of an access-log record that its hash covers, rebuilt here from the record's fields instead of asked of
 * the database, so that a verification does not trust code an intruder could replace. It is the text PostgreSQL
 * prints for {@code audit_event_canonical(row)} (schema {@code R__access_log.sql}): a jsonb object, whose keys jsonb orders by
 * length and
 * then bytewise, with the nested data elements as PostgreSQL prints them ({@code data_elements::text}).
 */
final class CanonicalForm {

    static final String COLUMNS = """
            seq, occurred_at, service, action, outcome, username, agency, role, purpose, case_number,
            data_elements::text as data_elements, result_count, target, reason, client_address, prev_hash, hash""";

    private static final DateTimeFormatter MICROSECONDS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private CanonicalForm() {
    }

    static byte[] of(Row row) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"seq\": ").append(row.getLong("seq"));
        string(json, "role", row.getString("role"));
        string(json, "action", row.getString("action"));
        string(json, "agency", row.getString("agency"));
        string(json, "reason", row.getString("reason"));
        string(json, "target", row.getString("target"));
        string(json, "outcome", row.getString("outcome"));
        string(json, "purpose", row.getString("purpose"));
        string(json, "service", row.getString("service"));
        string(json, "username", row.getString("username"));
        string(json, "caseNumber", row.getString("case_number"));
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        string(json, "occurredAt", occurredAt.withOffsetSameInstant(ZoneOffset.UTC).format(MICROSECONDS_UTC));
        Integer resultCount = row.getInteger("result_count");
        json.append(", \"resultCount\": ").append(resultCount == null ? "null" : resultCount.toString());
        json.append(", \"dataElements\": ").append(row.getString("data_elements"));
        string(json, "clientAddress", row.getString("client_address"));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder json, String key, String value) {
        json.append(", \"").append(key).append("\": ");
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < ' ') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
