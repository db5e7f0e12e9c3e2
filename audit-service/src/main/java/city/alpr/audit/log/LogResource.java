package city.alpr.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.List;

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

/**
 * The access log, searched and exported by compliance staff and the custodian (R18). Each search and export is
 * itself an access, logged with its filter.
 */
@Path("/v1/audit")
@Tag(name = "Access log")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class LogResource {

    private final Gate gate;
    private final LogStore store;
    private final int maxExportRows;

    LogResource(Gate gate, LogStore store, AuditConfig config) {
        this.gate = gate;
        this.store = store;
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
        LogCriteria criteria = filter.criteria();
        return gate.perform(Access.toRecords("audit.log.search", Staff.OVERSIGHT, filter.asDataElements(), null),
                (connection, actor) -> store.search(connection, criteria, before, limit).map(records -> {
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
        LogCriteria criteria = filter.criteria();
        return gate.perform(Access.toRecords("audit.log.export", Staff.OVERSIGHT, filter.asDataElements(), null),
                (connection, actor) -> store.export(connection, criteria, maxExportRows + 1).map(lines -> {
                    if (lines.size() > maxExportRows) {
                        throw ProblemException.invalid(List.of(Violation.of("from", "the selection holds more than "
                                + maxExportRows + " records; narrow it with from and to")));
                    }
                    String csv = LogStore.CSV_HEADER + String.join("", lines);
                    return Granted.of(Response.ok(csv.getBytes(StandardCharsets.UTF_8))
                            .type(MediaType.valueOf("text/csv; charset=utf-8"))
                            .header("Content-Disposition", "attachment; filename=\"access-log.csv\"").build(), lines.size());
                }));
    }
}
