package city.alpr.query.requests;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Law-enforcement requests (R10). Under a policy where only the custodian has access until law enforcement asks
 * (Wildomar CS3 §5), an officer files a request for a case and the custodian approves or denies it; an approval
 * opens that case's searches and views to officers until it expires. Every step is logged.
 */
@Path("/v1/requests")
@Tag(name = "Law-enforcement requests")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class AccessRequestResource {

    static final Set<Role> REQUESTERS = Set.of(Role.SHERIFF_OFFICER);
    static final Set<Role> READERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER);
    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);
    private static final int DEFAULT_VALID_DAYS = 30;

    private final Gate gate;
    private final AccessRequestStore store;
    private final QueryConfig config;

    AccessRequestResource(Gate gate, AccessRequestStore store, QueryConfig config) {
        this.gate = gate;
        this.store = store;
        this.config = config;
    }

    @POST
    @Operation(summary = "File a request for access to the data for one case")
    @APIResponse(responseCode = "201", description = "The pending request")
    @APIResponse(responseCode = "400", description = "Invalid request, or a purpose the policy does not list")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer")
    public Uni<Response> file(@Valid @NotNull NewRequest request) {
        if (!config.policy().purposes().containsKey(request.purpose())) {
            throw ProblemException.invalid(List.of(Violation.of("purpose", "is not a purpose this policy allows; one of "
                    + config.policy().purposes().keySet())));
        }
        UUID id = UUID.randomUUID();
        Access access = Access.toCaseRecords("request.file", REQUESTERS, null, request.caseNumber(),
                Map.of("purpose", request.purpose(), "justification", request.justification()), id.toString());
        return gate.perform(access, (connection, actor) -> store
                .file(connection, id, request, actor.username(), actor.agency())
                .map(filed -> Granted.of(filed, 1)))
                .map(filed -> Response.status(Response.Status.CREATED).entity(filed).build());
    }

    @GET
    @Operation(summary = "Requests, newest first; pending=true lists those awaiting a decision", description = "The custodian sees every request; an officer only their own.")
    @APIResponse(responseCode = "200", description = "The requests")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role does not permit this")
    public Uni<List<AccessRequest>> list(@QueryParam("pending") boolean pending) {
        return gate.perform(Access.toRecords("request.list", READERS, Map.of("pending", pending), null),
                (connection, actor) -> store
                        .list(connection, pending, actor.actsAs(Role.SHERIFF_OFFICER) ? actor.username() : null)
                        .map(requests -> Granted.of(requests, requests.size())));
    }

    @POST
    @Path("/{id}/decision")
    @Operation(summary = "Approve or deny a request (custodian)")
    @APIResponse(responseCode = "200", description = "The decided request")
    @APIResponse(responseCode = "400", description = "Invalid decision")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Already decided")
    public Uni<AccessRequest> decide(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        int days = decision.validDays() == null ? DEFAULT_VALID_DAYS : decision.validDays();
        Access access = Access.toRecords("request.decide", CUSTODIAN,
                Map.of("approved", decision.approved(), "validDays", days), id.toString());
        return gate.<AccessRequest> perform(access, (connection, actor) -> store
                .decide(connection, id, decision.approved(), actor.username(), days)
                .chain(decided -> decided.isPresent() ? Uni.createFrom().item(decided(decided.get()))
                        : store.exists(connection, id).map(exists -> {
                            if (exists) {
                                throw new ProblemException(ProblemType.CONFLICT,
                                        "request " + id + " has already been decided");
                            }
                            return Granted.<AccessRequest> of(null, 0);
                        })))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no request " + id));
    }

    /** A decision is logged under the request's case, so a search of the log by case finds who decided it. */
    private static Granted<AccessRequest> decided(AccessRequest request) {
        return Granted.of(request, 1).inCase(request.caseNumber());
    }
}
