package city.alpr.audit.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Contractor grants (R8): the custodian's written permission for the contractor to access data for one case,
 * from a start to an end; query-service refuses the contractor outside an active one. A grant is revoked, never
 * changed or removed.
 */
@Path("/v1/governance/contractor-grants")
@Tag(name = "Governance")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ContractorGrantResource {

    private final Gate gate;
    private final GrantStore store;

    ContractorGrantResource(Gate gate, GrantStore store) {
        this.gate = gate;
        this.store = store;
    }

    @POST
    @Operation(summary = "Grant the contractor access for one case, from startsAt to endsAt (custodian)")
    @APIResponse(responseCode = "201", description = "The grant")
    @APIResponse(responseCode = "400", description = "Invalid grant (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> grant(@Valid @NotNull NewGrant grant) {
        List<Violation> violations = GovernanceRules.grantViolations(grant, Instant.now());
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> elements = Map.of("username", grant.username(), "caseNumber", grant.caseNumber(),
                "documentReference", grant.documentReference(), "startsAt", grant.startsAt().toString(),
                "endsAt", grant.endsAt().toString());
        return gate.perform(Access.toRecords("governance.grant.create", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> store.create(connection, id, grant, actor.username())
                        .map(created -> Granted.of(Response.status(Response.Status.CREATED).entity(created).build(), 1)));
    }

    @GET
    @Operation(summary = "Contractor grants, newest first; active=true for those in force now")
    @APIResponse(responseCode = "200", description = "The grants")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<ContractorGrant>> list(@QueryParam("active") boolean active) {
        return gate.perform(Access.toRecords("governance.grant.list", Staff.OVERSIGHT, Map.of("active", active), null),
                (connection, actor) -> store.newest(connection, active).map(grants -> Granted.of(grants, grants.size())));
    }

    @POST
    @Path("/{id}/revocation")
    @Operation(summary = "Revoke a grant at once (custodian)")
    @APIResponse(responseCode = "200", description = "The revoked grant")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such grant")
    @APIResponse(responseCode = "409", description = "Already revoked")
    public Uni<ContractorGrant> revoke(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("governance.grant.revoke", Staff.CUSTODIAN, Map.of(), id.toString()),
                (connection, actor) -> store.revoke(connection, id, actor.username()).map(grant -> Granted.of(grant, 1)));
    }
}
