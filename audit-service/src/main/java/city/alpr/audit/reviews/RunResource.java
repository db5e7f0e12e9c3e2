package city.alpr.audit.reviews;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Compliance audit runs (R18): compliance staff start one over a period, review what it sampled and flagged,
 * record findings and sign it off; the custodian reads them. A signed-off run takes no more findings.
 */
@Path("/v1/audit/runs")
@Tag(name = "Compliance audits")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class RunResource {

    /** The longest period one run covers. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final Gate gate;
    private final AuditRuns runs;
    private final int defaultSampleSize;

    RunResource(Gate gate, AuditRuns runs, AuditConfig config) {
        this.gate = gate;
        this.runs = runs;
        this.defaultSampleSize = config.reviews().sampleSize();
    }

    @POST
    @Operation(summary = "Start an audit run over a period (compliance staff)")
    @APIResponse(responseCode = "201", description = "The run with its sampled and flagged accesses")
    @APIResponse(responseCode = "400", description = "Invalid period or sample size (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff")
    public Uni<Response> start(@Valid @NotNull NewRun run) {
        if (!run.to().isAfter(run.from())) {
            throw ProblemException.invalid(List.of(Violation.of("to", "must be after from")));
        }
        if (Duration.between(run.from(), run.to()).compareTo(LONGEST_PERIOD) > 0) {
            throw ProblemException
                    .invalid(List.of(Violation.of("to", "a run covers at most " + LONGEST_PERIOD.toDays() + " days")));
        }
        int sampleSize = run.sampleSize() == null ? defaultSampleSize : run.sampleSize();
        Map<String, Object> elements = Map.of("from", run.from().toString(), "to", run.to().toString(), "sampleSize",
                sampleSize);
        return gate.perform(Access.toRecords("audit.run.start", Staff.AUDITORS, elements, null),
                (connection, actor) -> runs.start(connection, run.from(), run.to(), sampleSize, false, actor.username())
                        .map(started -> new Granted<>(Response.status(Response.Status.CREATED).entity(started).build(),
                                (int) started.recordsExamined(), started.id().toString())));
    }

    @GET
    @Operation(summary = "Audit runs, newest first, with their flag counts")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Run>> list() {
        return gate.perform(Access.toRecords("audit.run.list", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> runs.newest(connection, 200).map(list -> Granted.of(list, list.size())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run, with every sampled and flagged access and the findings")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Run> get(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("audit.run.view", Staff.OVERSIGHT, Map.of(), id.toString()),
                (connection, actor) -> existing(connection, id, true).map(run -> Granted.of(run, run.items().size())));
    }

    @POST
    @Path("/{id}/findings")
    @Operation(summary = "Record a finding (compliance staff)")
    @APIResponse(responseCode = "201", description = "The run with the finding")
    @APIResponse(responseCode = "400", description = "Invalid finding, or a record outside the run's period")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run is signed off")
    public Uni<Response> recordFinding(@PathParam("id") UUID id, @Valid @NotNull NewFinding finding) {
        Map<String, Object> elements = new HashMap<>();
        elements.put("severity", finding.severity());
        if (finding.seq() != null) {
            elements.put("seq", finding.seq());
        }
        return gate.perform(Access.toRecords("audit.finding.record", Staff.AUDITORS, elements, id.toString()),
                (connection, actor) -> open(connection, id)
                        .chain(run -> finding.seq() == null ? Uni.createFrom().voidItem()
                                : runs.inPeriod(connection, finding.seq(), run).invoke(inPeriod -> {
                                    if (!inPeriod) {
                                        throw ProblemException.invalid(List.of(Violation.of("seq",
                                                "is not an access-log record of this run's period")));
                                    }
                                }).replaceWithVoid())
                        .chain(() -> runs.recordFinding(connection, id, finding, actor.username()))
                        .chain(() -> existing(connection, id, true))
                        .map(run -> Granted.of(Response.status(Response.Status.CREATED).entity(run).build(), 1)));
    }

    @POST
    @Path("/{id}/sign-off")
    @Operation(summary = "Sign the run off with the reviewer's conclusion (compliance staff)")
    @APIResponse(responseCode = "200", description = "The signed-off run")
    @APIResponse(responseCode = "400", description = "No conclusion")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "Already signed off")
    public Uni<Run> signOff(@PathParam("id") UUID id, @Valid @NotNull SignOff signOff) {
        return gate.perform(Access.toRecords("audit.run.sign-off", Staff.AUDITORS, Map.of(), id.toString()),
                (connection, actor) -> open(connection, id)
                        .chain(() -> runs.signOff(connection, id, actor.username(), signOff.conclusion()))
                        .chain(() -> existing(connection, id, true))
                        .map(run -> Granted.of(run, 1)));
    }

    private Uni<Run> existing(SqlClient client, UUID id, boolean detailed) {
        return runs.load(client, id, detailed)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no audit run " + id)));
    }

    /** The run, locked against a concurrent sign-off, if it is still open. */
    private Uni<Run> open(SqlClient client, UUID id) {
        return runs.lockSignedOff(client, id).chain(signedOff -> {
            if (signedOff.isEmpty()) {
                throw ProblemException.notFound("no audit run " + id);
            }
            if (signedOff.get()) {
                throw new ProblemException(ProblemType.CONFLICT, "audit run " + id + " is signed off");
            }
            return existing(client, id, false);
        });
    }
}
