package city.alpr.audit.breaches;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

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

    /** Civil Code 1798.82(j)(3)(B): a conspicuous posting for a minimum of 30 days. */
    static final Duration MINIMUM_POSTING = Duration.ofDays(30);

    private final Gate gate;

    BreachResource(Gate gate) {
        this.gate = gate;
    }

    @POST
    @Operation(summary = "Record an incident (custodian)")
    @APIResponse(responseCode = "201", description = "The incident, with what is still outstanding")
    @APIResponse(responseCode = "400", description = "Invalid incident (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> record(@Valid @NotNull NewIncident incident) {
        List<Violation> violations = new ArrayList<>();
        if (incident.discoveredAt().isAfter(Instant.now())) {
            violations.add(Violation.of("discoveredAt", "must not be in the future"));
        }
        if (incident.occurredFrom() != null && incident.occurredTo() != null
                && incident.occurredTo().isBefore(incident.occurredFrom())) {
            violations.add(Violation.of("occurredTo", "must not be before occurredFrom"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("title", incident.title());
        elements.put("discoveredAt", incident.discoveredAt().toString());
        elements.put("dataKinds", incident.dataKinds());
        return gate.perform(Access.toRecords("breach.record", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> connection.preparedQuery("""
                        insert into breach_incident (id, title, description, discovered_at, occurred_from, occurred_to,
                                                     data_kinds, affected_count, recorded_by)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                        .execute(Tuple.tuple().addUUID(id).addString(incident.title()).addString(incident.description())
                                .addOffsetDateTime(incident.discoveredAt().atOffset(ZoneOffset.UTC))
                                .addOffsetDateTime(utc(incident.occurredFrom())).addOffsetDateTime(utc(incident.occurredTo()))
                                .addArrayOfString(incident.dataKinds().toArray(String[]::new))
                                .addInteger(incident.affectedCount()).addString(actor.username()))
                        .chain(() -> load(connection, id))
                        .map(recorded -> Granted.of(Response.status(Response.Status.CREATED).entity(recorded).build(), 1)));
    }

    @GET
    @Operation(summary = "Incidents, newest first, with their notifications and what is outstanding")
    @APIResponse(responseCode = "200", description = "The incidents")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Incident>> list() {
        return gate.perform(Access.toRecords("breach.list", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> loadAll(connection).map(incidents -> Granted.of(incidents, incidents.size())));
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
                (connection, actor) -> load(connection, id).map(incident -> Granted.of(incident, 1)));
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
                (connection, actor) -> connection.preparedQuery("""
                        update breach_incident
                           set notice_title = $2, notice_body = $3, notice_posted_at = now(), notice_posted_by = $4
                         where id = $1 and notice_posted_at is null""")
                        .execute(Tuple.of(id, notice.title(), notice.body(), actor.username()))
                        .chain(updated -> load(connection, id).invoke(incident -> {
                            if (updated.rowCount() == 0) {
                                throw new ProblemException(ProblemType.CONFLICT, "a notice of incident " + id
                                        + " was posted at " + incident.noticePostedAt());
                            }
                        }))
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
                (connection, actor) -> load(connection, id).chain(incident -> {
                    if (incident.noticePostedAt() == null || incident.noticeWithdrawnAt() != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "incident " + id + " has no posted notice");
                    }
                    if (Instant.now().isBefore(incident.noticeMayBeWithdrawnAt())) {
                        throw new ProblemException(ProblemType.CONFLICT, "a breach notice stays posted at least "
                                + MINIMUM_POSTING.toDays() + " days: this one until " + incident.noticeMayBeWithdrawnAt());
                    }
                    return connection.preparedQuery("""
                            update breach_incident set notice_withdrawn_at = now(), notice_withdrawn_by = $2
                             where id = $1""")
                            .execute(Tuple.of(id, actor.username()))
                            .chain(() -> load(connection, id));
                }).map(incident -> Granted.of(incident, 1)));
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
        if (notification.notifiedAt().isAfter(Instant.now())) {
            throw ProblemException.invalid(List.of(Violation.of("notifiedAt", "must not be in the future")));
        }
        Map<String, Object> elements = Map.of("recipient", notification.recipient(),
                "recipientName", notification.recipientName(), "notifiedAt", notification.notifiedAt().toString());
        return gate.perform(Access.toRecords("breach.notification.record", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> load(connection, id)
                        .chain(() -> connection.preparedQuery("""
                                insert into breach_notification (id, incident_id, recipient, recipient_name, notified_at,
                                                                 method, reference, recorded_by)
                                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(id)
                                        .addString(notification.recipient()).addString(notification.recipientName())
                                        .addOffsetDateTime(notification.notifiedAt().atOffset(ZoneOffset.UTC))
                                        .addString(notification.method()).addString(notification.reference())
                                        .addString(actor.username())))
                        .chain(() -> load(connection, id))
                        .map(incident -> Granted.of(Response.status(Response.Status.CREATED).entity(incident).build(), 1)));
    }

    private static Uni<Incident> load(SqlClient client, UUID id) {
        return client.preparedQuery("select " + Incident.COLUMNS + " from breach_incident where id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("no incident " + id);
                    }
                    var row = rows.iterator().next();
                    return client.preparedQuery("select " + Incident.Notification.COLUMNS
                            + " from breach_notification where incident_id = $1 order by notified_at")
                            .execute(Tuple.of(id))
                            .map(made -> {
                                List<Incident.Notification> notifications = new ArrayList<>();
                                made.forEach(notification -> notifications.add(Incident.Notification.from(notification)));
                                return Incident.from(row, notifications);
                            });
                });
    }

    private static Uni<List<Incident>> loadAll(SqlClient client) {
        return client.query("select " + Incident.Notification.COLUMNS + " from breach_notification order by notified_at")
                .execute()
                .chain(made -> {
                    Map<UUID, List<Incident.Notification>> byIncident = new HashMap<>();
                    made.forEach(row -> byIncident.computeIfAbsent(row.getUUID("incident_id"), key -> new ArrayList<>())
                            .add(Incident.Notification.from(row)));
                    return client.query("select " + Incident.COLUMNS + " from breach_incident order by recorded_at desc")
                            .execute()
                            .map(rows -> {
                                List<Incident> incidents = new ArrayList<>();
                                rows.forEach(row -> incidents.add(Incident.from(row,
                                        byIncident.getOrDefault(row.getUUID("id"), List.of()))));
                                return incidents;
                            });
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
