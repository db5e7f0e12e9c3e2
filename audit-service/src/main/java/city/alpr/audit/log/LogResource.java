package city.alpr.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.AuditConfig;
import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The access log, searched and exported by compliance staff and the custodian (R18). Each search and export is
 * itself an access, logged with its filter.
 */
@Path("/v1/audit")
@Tag(name = "Access log")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class LogResource {

    private static final String CSV_HEADER = "seq,occurred_at,service,action,outcome,username,agency,role,purpose,"
            + "case_number,data_elements,result_count,target,reason,client_address,hash\r\n";

    private final Gate gate;
    private final int maxExportRows;

    LogResource(Gate gate, AuditConfig config) {
        this.gate = gate;
        this.maxExportRows = config.log().maxExportRows();
    }

    @GET
    @Path("/events")
    @Operation(summary = "Search the access log, newest first")
    @APIResponse(responseCode = "200", description = "A page of records")
    @APIResponse(responseCode = "400", description = "A filter parameter is invalid (each is named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<LogPage> search(@BeanParam LogFilter filter,
            @QueryParam("before") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        LogFilter.Where where = filter.where();
        if (before != null) {
            where.values().addLong(before);
            where.conditions().add("seq < $" + where.values().size());
        }
        where.values().addInteger(limit);
        String sql = "select " + LogEntry.COLUMNS + " from audit_event where " + where.clause()
                + " order by seq desc limit $" + where.values().size();
        return gate.perform(Access.toRecords("audit.log.search", Staff.OVERSIGHT, filter.asDataElements(), null),
                (connection, actor) -> connection.preparedQuery(sql).execute(where.values()).map(rows -> {
                    List<LogEntry> records = new ArrayList<>();
                    rows.forEach(row -> records.add(LogEntry.from(row)));
                    Long next = records.size() == limit ? records.get(records.size() - 1).seq() : null;
                    return Granted.of(new LogPage(records, next), records.size());
                }));
    }

    @GET
    @Path("/events.csv")
    @Produces("text/csv")
    @Operation(summary = "Export the records a filter selects as CSV, oldest first", description = "At most alpr.log.max-export-rows records; a larger selection must be narrowed by time.")
    @APIResponse(responseCode = "200", description = "The records as CSV (RFC 4180)")
    @APIResponse(responseCode = "400", description = "A filter parameter is invalid, or the selection is too large")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Response> export(@BeanParam LogFilter filter) {
        LogFilter.Where where = filter.where();
        where.values().addInteger(maxExportRows + 1);
        String sql = "select seq, occurred_at, service, action, outcome, username, agency, role, purpose, case_number,"
                + " data_elements::text as data_elements, result_count, target, reason, client_address, hash"
                + " from audit_event where " + where.clause() + " order by seq limit $" + where.values().size();
        return gate.perform(Access.toRecords("audit.log.export", Staff.OVERSIGHT, filter.asDataElements(), null),
                (connection, actor) -> connection.preparedQuery(sql).execute(where.values()).map(rows -> {
                    if (rows.size() > maxExportRows) {
                        throw ProblemException.invalid(List.of(Violation.of("from", "the selection holds more than "
                                + maxExportRows + " records; narrow it with from and to")));
                    }
                    StringBuilder csv = new StringBuilder(CSV_HEADER);
                    rows.forEach(row -> csv.append(line(row)));
                    return Granted.of(Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
                            .type(MediaType.valueOf("text/csv; charset=utf-8"))
                            .header("Content-Disposition", "attachment; filename=\"access-log.csv\"").build(), rows.size());
                }));
    }

    private static String line(Row row) {
        Integer resultCount = row.getInteger("result_count");
        return String.join(",", Stream.of(String.valueOf(row.getLong("seq")),
                row.getOffsetDateTime("occurred_at").toInstant().toString(), row.getString("service"),
                row.getString("action"), row.getString("outcome"), row.getString("username"), row.getString("agency"),
                row.getString("role"), row.getString("purpose"), row.getString("case_number"),
                row.getString("data_elements"), resultCount == null ? null : resultCount.toString(),
                row.getString("target"), row.getString("reason"), row.getString("client_address"),
                HexFormat.of().formatHex(row.getBuffer("hash").getBytes())).map(LogResource::field).toList()) + "\r\n";
    }

    /** RFC 4180: every field quoted, quotes doubled; an empty field is an absent value. */
    private static String field(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }
}
