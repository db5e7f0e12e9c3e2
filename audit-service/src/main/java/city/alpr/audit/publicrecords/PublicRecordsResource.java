package city.alpr.audit.publicrecords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.AuditConfig;
import city.alpr.audit.access.Staff;
import city.alpr.audit.csv.Csv;
import city.alpr.audit.publicrecords.ReportPeriod.Span;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The reports compliance staff hand out when the public, the press or the legislature ask (R32), as JSON and as
 * CSV: the accesses to ALPR data in the columns such requests name, whom the system shared with, and yearly totals.
 * Each report is itself an access, logged with its period. They hold names, plates and case numbers: what is
 * released, and what redacted, is the custodian's decision under the Public Records Act, not this service's.
 */
@Path("/v1/audit/public-records")
@Tag(name = "Public-records reports")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class PublicRecordsResource {

    private static final MediaType CSV = MediaType.valueOf("text/csv; charset=utf-8");

    private final Gate gate;
    private final PublicRecordsStore store;
    private final int maxRows;

    PublicRecordsResource(Gate gate, PublicRecordsStore store, AuditConfig config) {
        this.gate = gate;
        this.store = store;
        this.maxRows = config.log().maxExportRows();
    }

    @GET
    @Path("/access-log")
    @Operation(summary = "Every access to ALPR data in a period: name, date, agency, purpose, case, data queried, result count", description = "Oldest first; at most alpr.log.max-export-rows accesses, a larger period must be narrowed.")
    @APIResponse(responseCode = "200", description = "The accesses")
    @APIResponse(responseCode = "400", description = "from or to missing or invalid, or the period holds too many accesses")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<AccessLogReport> accessLog(@BeanParam ReportPeriod period) {
        Span span = period.span();
        return gate.perform(access("audit.public-records.access-log", period), (connection, actor) -> accesses(
                connection, span).map(
                        accesses -> Granted.of(new AccessLogReport(span.from(), span.to(), accesses),
                                accesses.size())));
    }

    @GET
    @Path("/access-log.csv")
    @Produces("text/csv")
    @Operation(summary = "The same accesses as CSV (RFC 4180), the data queried as one readable field")
    @APIResponse(responseCode = "200", description = "name, date, agency, purpose, case_number, data_queried, result_count, action, outcome")
    @APIResponse(responseCode = "400", description = "from or to missing or invalid, or the period holds too many accesses")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Response> accessLogCsv(@BeanParam ReportPeriod period) {
        Span span = period.span();
        return gate.perform(access("audit.public-records.access-log.csv", period),
                (connection, actor) -> accesses(connection, span).map(accesses -> Granted.of(csv("access-log",
                        AccessRecord.CSV_COLUMNS, accesses, AccessRecord::csvFields), accesses.size())));
    }

    @GET
    @Path("/sharing")
    @Operation(summary = "Whom the system shared with in a period: reads by agency, and apart from them the hotlists by source")
    @APIResponse(responseCode = "200", description = "The sharing report")
    @APIResponse(responseCode = "400", description = "from or to missing or invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<SharingReport> sharing(@BeanParam ReportPeriod period) {
        Span span = period.span();
        return gate.perform(access("audit.public-records.sharing", period), (connection, actor) -> store
                .readsShared(connection, span.from(), span.to())
                .chain(reads -> store.hotlistSources(connection, span.from(), span.to())
                        .map(hotlists -> Granted.of(new SharingReport(span.from(), span.to(), reads, hotlists),
                                reads.size() + hotlists.size()))));
    }

    @GET
    @Path("/sharing/reads.csv")
    @Produces("text/csv")
    @Operation(summary = "The agencies reads were shared with in a period, as CSV")
    @APIResponse(responseCode = "200", description = "agency_id, agency, kind, level, state, shares, reads, ownership_transferred, purposes")
    @APIResponse(responseCode = "400", description = "from or to missing or invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Response> readsSharedCsv(@BeanParam ReportPeriod period) {
        Span span = period.span();
        return gate.perform(access("audit.public-records.sharing.reads.csv", period), (connection, actor) -> store
                .readsShared(connection, span.from(), span.to())
                .map(reads -> Granted.of(csv("reads-shared", SharingReport.READS_CSV_COLUMNS, reads,
                        SharingReport.ReadsShared::csvFields), reads.size())));
    }

    @GET
    @Path("/sharing/hotlists.csv")
    @Produces("text/csv")
    @Operation(summary = "The hotlists the cameras were matched against in a period, by source, as CSV")
    @APIResponse(responseCode = "200", description = "source, received_as, hotlist_kind, entries_active, entries_added, hits")
    @APIResponse(responseCode = "400", description = "from or to missing or invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Response> hotlistSourcesCsv(@BeanParam ReportPeriod period) {
        Span span = period.span();
        return gate.perform(access("audit.public-records.sharing.hotlists.csv", period), (connection, actor) -> store
                .hotlistSources(connection, span.from(), span.to())
                .map(sources -> Granted.of(csv("hotlist-sources", SharingReport.HOTLISTS_CSV_COLUMNS, sources,
                        SharingReport.HotlistSource::csvFields), sources.size())));
    }

    @GET
    @Path("/yearly-totals")
    @Operation(summary = "Per calendar year (UTC): reads collected, hotlist hits, searches by purpose", description = "Reads and hits of purged days are counted from what the purge recorded of them; searches from the access log, as far back as it is kept.")
    @APIResponse(responseCode = "200", description = "The yearly totals")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<YearlyTotals> yearlyTotals() {
        return gate.perform(Access.toRecords("audit.public-records.yearly-totals", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> store.yearlyTotals(connection)
                        .map(totals -> Granted.of(totals, totals.years().size())));
    }

    @GET
    @Path("/yearly-totals.csv")
    @Produces("text/csv")
    @Operation(summary = "The yearly totals as CSV, a column of searches for each purpose stated")
    @APIResponse(responseCode = "200", description = "year, reads_collected, hotlist_hits, searches, searches_<purpose>...")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Response> yearlyTotalsCsv() {
        return gate.perform(
                Access.toRecords("audit.public-records.yearly-totals.csv", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> store.yearlyTotals(connection).map(totals -> {
                    Set<String> purposes = new TreeSet<>();
                    totals.years().forEach(year -> purposes.addAll(year.searchesByPurpose().keySet()));
                    List<String> columns = new ArrayList<>(List.of("year", "reads_collected", "hotlist_hits", "searches"));
                    purposes.forEach(purpose -> columns.add("searches_" + purpose));
                    return Granted.of(csv("yearly-totals", columns, totals.years(), year -> {
                        List<String> fields = new ArrayList<>(List.of(String.valueOf(year.year()),
                                String.valueOf(year.readsCollected()), String.valueOf(year.hotlistHits()),
                                String.valueOf(year.searches())));
                        purposes.forEach(purpose -> fields
                                .add(String.valueOf(year.searchesByPurpose().getOrDefault(purpose, 0L))));
                        return fields;
                    }), totals.years().size());
                }));
    }

    private static Access access(String action, ReportPeriod period) {
        return Access.toRecords(action, Staff.OVERSIGHT, period.asDataElements(), null);
    }

    private Uni<List<AccessRecord>> accesses(SqlClient connection, Span span) {
        return store.accesses(connection, span.from(), span.to(), maxRows + 1).map(accesses -> {
            if (accesses.size() > maxRows) {
                throw ProblemException.invalid(List.of(Violation.of("from", "the period holds more than " + maxRows
                        + " accesses; narrow it with from and to")));
            }
            return accesses;
        });
    }

    private static <T> Response csv(String name, List<String> columns, List<T> rows, Function<T, List<String>> fields) {
        StringBuilder csv = new StringBuilder(Csv.header(columns));
        rows.forEach(row -> csv.append(Csv.line(fields.apply(row))));
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8)).type(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}
