package city.alpr.audit.log;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.csv.Csv;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The access log (audit_event) as compliance staff search and export it; every service appends to it. */
@ApplicationScoped
public class LogStore {

    /** The columns of an exported record, in the order {@link #export} writes them. */
    static final String CSV_HEADER = "seq,occurred_at,service,action,outcome,username,agency,role,purpose,"
            + "case_number,data_elements,result_count,target,reason,client_address,hash\r\n";

    /** The newest records the criteria select, at most {@code limit}, before record {@code before} if given. */
    public Uni<List<LogEntry>> search(SqlClient client, LogCriteria criteria, Long before, int limit) {
        Where where = where(criteria);
        if (before != null) {
            where.add("seq < $", before);
        }
        where.values().addInteger(limit);
        return client.preparedQuery("select " + LogEntry.COLUMNS + " from audit_event where " + where.clause()
                + " order by seq desc limit $" + where.values().size())
                .execute(where.values())
                .map(rows -> {
                    List<LogEntry> records = new ArrayList<>();
                    rows.forEach(row -> records.add(LogEntry.from(row)));
                    return records;
                });
    }

    /** The oldest records the criteria select, at most {@code limit}, as CSV lines (RFC 4180) under {@link #CSV_HEADER}. */
    public Uni<List<String>> export(SqlClient client, LogCriteria criteria, int limit) {
        Where where = where(criteria);
        where.values().addInteger(limit);
        return client.preparedQuery("select seq, occurred_at, service, action, outcome, username, agency, role, purpose,"
                + " case_number, data_elements::text as data_elements, result_count, target, reason, client_address, hash"
                + " from audit_event where " + where.clause() + " order by seq limit $" + where.values().size())
                .execute(where.values())
                .map(rows -> {
                    List<String> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(line(row)));
                    return lines;
                });
    }

    private static Where where(LogCriteria criteria) {
        Where where = new Where(new ArrayList<>(), Tuple.tuple());
        where.addIfGiven("username = $", criteria.username());
        where.addIfGiven("agency = $", criteria.agency());
        where.addIfGiven("purpose = $", criteria.purpose());
        where.addIfGiven("case_number = $", criteria.caseNumber());
        where.addIfGiven("service = $", criteria.service());
        where.addIfGiven("data_elements ? 'plate' and upper(translate(data_elements ->> 'plate', ' .-', '')) = $",
                criteria.plate());
        if (criteria.action() != null && criteria.action().endsWith("*")) {
            where.add("action like $", criteria.action().substring(0, criteria.action().length() - 1) + "%");
        } else {
            where.addIfGiven("action = $", criteria.action());
        }
        where.addIfGiven("outcome = $", criteria.outcome());
        if (criteria.from() != null) {
            where.add("occurred_at >= $", utc(criteria.from()));
        }
        if (criteria.to() != null) {
            where.add("occurred_at < $", utc(criteria.to()));
        }
        return where;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String line(Row row) {
        Integer resultCount = row.getInteger("result_count");
        return Csv.line(Arrays.asList(String.valueOf(row.getLong("seq")),
                row.getOffsetDateTime("occurred_at").toInstant().toString(), row.getString("service"),
                row.getString("action"), row.getString("outcome"), row.getString("username"), row.getString("agency"),
                row.getString("role"), row.getString("purpose"), row.getString("case_number"),
                row.getString("data_elements"), resultCount == null ? null : resultCount.toString(),
                row.getString("target"), row.getString("reason"), row.getString("client_address"),
                HexFormat.of().formatHex(row.getBuffer("hash").getBytes())));
    }

    /** SQL conditions joined by {@code and}, each ending in the number of its value, numbered from $1. */
    private record Where(List<String> conditions, Tuple values) {

        void add(String condition, Object value) {
            values.addValue(value);
            conditions.add(condition + values.size());
        }

        void addIfGiven(String condition, String value) {
            if (value != null) {
                add(condition, value);
            }
        }

        String clause() {
            return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
        }
    }
}
