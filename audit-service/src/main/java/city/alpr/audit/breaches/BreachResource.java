package city.alpr.audit.breaches;

import java.time.Instant;
import java.util.LinkedHashMap;
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

import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The breach workflow (R24; CS3 §11, Civil Code 1798.82): the custodian records an incident, posts a public notice
 * that stays up at least 30 days, and records each notification made, to the media and the state Office of
 * Information Security among them. Compliance staff follow what is still outstanding.
 */
@Path("/v1/breaches")
@Tag(name = "Breach notices")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class BreachResource {

    private final Gate gate;
    private final BreachStore store;

    BreachResource(Gate gate, BreachStore store) {
        this.gate = gate;
        this.store = store;
    }

    @POST
    @Operation(summary = "Record an incident (custodian)")
    @APIResponse(responseCode = "201", description = "The incident, with what is still outstanding")
    @APIResponse(responseCode = "400", description = "Invalid incident (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> record(@Valid @NotNull NewIncident incident) {
        List<Violation> violations = BreachRules.incidentViolations(incident, Instant.now());
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("title", incident.title());
        elements.put("discoveredAt", incident.discoveredAt().toString());
        elements.put("dataKinds", incident.dataKinds());
        return gate.perform(Access.toRecords("breach.record", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> store.record(connection, id, incident, actor.username())
                        .map(recorded -> Granted.of(Response.status(Response.Status.CREATED).entity(recorded).build(), 1)));
    }

    @GET
    @Operation(summary = "Incidents, newest first, with their notifications and what is outstanding")
    @APIResponse(responseCode = "200", description = "The incidents")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Incident>> list() {
        return gate.perform(Access.toRecords("breach.list", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> store.all(connection).map(incidents -> Granted.of(incidents, incidents.size())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident")
    @APIResponse(responseCode = "200", description = "The incident")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<Incident> get(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("breach.view", Staff.OVERSIGHT, Map.of(), id.toString()),
                (connection, actor) -> store.load(connection, id).map(incident -> Granted.of(incident, 1)));
    }

    @POST
    @Path("/{id}/notice")
    @Operation(summary = "Post the public notice now (custodian)", description = "The notice is served at /v1/public/breach-notices and cannot be withdrawn for 30 days.")
    @APIResponse(responseCode = "200", description = "The incident with its notice")
    @APIResponse(responseCode = "400", description = "Invalid notice (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "A notice is posted already")
    public Uni<Incident> postNotice(@PathParam("id") UUID id, @Valid @NotNull NewNotice notice) {
        return gate.perform(
                Access.toRecords("breach.notice.post", Staff.CUSTODIAN, Map.of("title", notice.title()), id.toString()),
                (connection, actor) -> store.postNotice(connection, id, notice, actor.username())
                        .map(incident -> Granted.of(incident, 1)));
    }

    @POST
    @Path("/{id}/notice/withdrawal")
    @Operation(summary = "Take the public notice down (custodian), no sooner than 30 days after it was posted")
    @APIResponse(responseCode = "200", description = "The incident")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "No notice is posted, or it has been up less than 30 days")
    public Uni<Incident> withdrawNotice(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("breach.notice.withdraw", Staff.CUSTODIAN, Map.of(), id.toString()),
                (client, actor) -> store.load(client, id)
                        .map(incident -> BreachRules.withdrawalRefusal(incident, Instant.now())),
                (connection, actor) -> store.withdrawNotice(connection, id, actor.username())
                        .map(incident -> Granted.of(incident, 1)));
    }

    @POST
    @Path("/{id}/notifications")
    @Operation(summary = "Record a notification made (custodian)")
    @APIResponse(responseCode = "201", description = "The incident with the notification")
    @APIResponse(responseCode = "400", description = "Invalid notification (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such incident")
    public Uni<Response> recordNotification(@PathParam("id") UUID id, @Valid @NotNull NewNotification notification) {
        List<Violation> violations = BreachRules.notificationViolations(notification, Instant.now());
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Map<String, Object> elements = Map.of("recipient", notification.recipient(),
                "recipientName", notification.recipientName(), "notifiedAt", notification.notifiedAt().toString());
        return gate.perform(Access.toRecords("breach.notification.record", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> store.recordNotification(connection, id, notification, actor.username())
                        .map(incident -> Granted.of(Response.status(Response.Status.CREATED).entity(incident).build(), 1)));
    }
}
