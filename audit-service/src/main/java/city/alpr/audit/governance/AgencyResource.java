package city.alpr.audit.governance;

import java.util.List;
import java.util.Map;

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

import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Registered agencies (R14, R34): query-service shares data only with an active one, and under a California profile
 * only with a state or local agency of California: the level each agency is registered with decides. An agency is
 * deactivated or reactivated, never removed, so past shares keep their recipient.
 */
@Path("/v1/governance/agencies")
@Tag(name = "Governance")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class AgencyResource {

    private final Gate gate;
    private final AgencyStore store;

    AgencyResource(Gate gate, AgencyStore store) {
        this.gate = gate;
        this.store = store;
    }

    @POST
    @Operation(summary = "Register an agency (custodian)")
    @APIResponse(responseCode = "201", description = "The agency")
    @APIResponse(responseCode = "400", description = "Invalid agency (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "409", description = "An agency with this id exists")
    public Uni<Response> register(@Valid @NotNull NewAgency agency) {
        Map<String, Object> elements = Map.of("name", agency.name(), "kind", agency.kind(), "state", agency.state(),
                "level", agency.level());
        return gate.perform(Access.toRecords("governance.agency.register", Staff.CUSTODIAN, elements, agency.id()),
                (connection, actor) -> store.register(connection, agency, actor.username())
                        .map(registered -> Granted.of(Response.status(Response.Status.CREATED).entity(registered).build(), 1)));
    }

    @GET
    @Operation(summary = "Registered agencies")
    @APIResponse(responseCode = "200", description = "The agencies")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Agency>> list() {
        return gate.perform(Access.toRecords("governance.agency.list", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> store.all(connection).map(agencies -> Granted.of(agencies, agencies.size())));
    }

    @POST
    @Path("/{id}/deactivation")
    @Operation(summary = "Stop sharing with an agency (custodian)")
    @APIResponse(responseCode = "200", description = "The agency")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such agency")
    public Uni<Agency> deactivate(@PathParam("id") String id) {
        return setActive(id, false);
    }

    @POST
    @Path("/{id}/reactivation")
    @Operation(summary = "Allow sharing with an agency again (custodian)")
    @APIResponse(responseCode = "200", description = "The agency")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such agency")
    public Uni<Agency> reactivate(@PathParam("id") String id) {
        return setActive(id, true);
    }

    private Uni<Agency> setActive(String id, boolean active) {
        return gate.perform(Access.toRecords(active ? "governance.agency.reactivate" : "governance.agency.deactivate",
                Staff.CUSTODIAN, Map.of(), id),
                (connection, actor) -> store.setActive(connection, id, active).map(agency -> Granted.of(agency, 1)));
    }
}
