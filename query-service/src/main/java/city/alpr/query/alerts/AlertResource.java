package city.alpr.query.alerts;

import java.time.Duration;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.access.Gate.Caller;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.query.access.AlertRecipients;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Hotlist alerts (R7, R29): the live feed, the recent list, and the disposition a person must record for each. An
 * alert reaches the holders of the policy's {@code alert-roles} and the officer who watches the plate, and no one
 * else; each one handed out is logged under its entry's purpose and case.
 */
@Path("/v1/alerts")
@Tag(name = "Alerts")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class AlertResource {

    private static final Duration SUBSCRIPTION_CHECK = Duration.ofSeconds(10);
    /** Alerts a subscriber may fall behind by before its stream ends; the list then has what it missed. */
    private static final int SUBSCRIBER_BUFFER = 1_000;
    /**
     * Alerts of one subscriber being logged at once. Each waits for the transaction the streams' deliveries share
     * ({@link DeliveryLog#logStreamed}) before it is sent; the subscriber's next alerts do not wait behind it.
     */
    private static final int DELIVERIES_IN_FLIGHT = 50;

    private final Gate gate;
    private final DeliveryLog deliveryLog;
    private final AlertRecipients recipients;
    private final AlertStore store;
    private final AlertFeed feed;
    private final OpenStreams streams;
    private final JsonWebToken accessToken;

    AlertResource(Gate gate, DeliveryLog deliveryLog, AlertRecipients recipients, AlertStore store, AlertFeed feed,
            OpenStreams streams, JsonWebToken accessToken) {
        this.gate = gate;
        this.deliveryLog = deliveryLog;
        this.recipients = recipients;
        this.store = store;
        this.feed = feed;
        this.streams = streams;
        this.accessToken = accessToken;
    }

    @GET
    @Operation(summary = "Recent alerts you receive, newest first", description = "open=true lists only alerts "
            + "without a disposition. Each alert shown is logged under its entry's purpose and case.")
    @APIResponse(responseCode = "200", description = "The alerts of the last 7 days")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The policy does not show alerts to your role")
    public Uni<List<AlertView>> recent(@QueryParam("open") boolean open) {
        Caller caller = gate.caller();
        return gate.perform(Access.toRecords("alert.list", recipients.roles(), Map.of("open", open), null),
                (connection, actor) -> store.recent(connection, actor, open)
                        .call(alerts -> deliveryLog.log(connection, caller, deliveries(alerts), "list"))
                        .map(alerts -> Granted.of(alerts, alerts.size())));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to the alerts you receive as they are raised (server-sent events)", description = "Each event is one alert, sent within a second of the read that raised it. The subscription "
            + "and the alerts sent are logged; the stream ends when the token expires. A person holds at most "
            + "the policy's alert-streams-per-user streams open.")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The policy does not show alerts to your role")
    @APIResponse(responseCode = "429", description = "You hold as many streams open as you may")
    @Blocking
    public Multi<AlertView> stream() {
        // judged before the stream opens: once the event stream has begun, a refusal could no longer be answered
        Caller caller = gate.caller();
        String username = caller.actor().username();
        boolean opened = streams.tryOpen(username);
        gate.perform(Access.toRecords("alert.subscribe", recipients.roles(), Map.of(), null),
                (connection, actor) -> opened ? Uni.createFrom().item(Granted.of(true, 0))
                        : Uni.createFrom().<Granted<Boolean>> failure(new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                                "you hold " + streams.perUser() + " alert streams open already; close one first")))
                .onFailure().invoke(() -> {
                    if (opened) {
                        streams.close(username);
                    }
                })
                .await().atMost(SUBSCRIPTION_CHECK);
        Duration untilTokenExpires = Duration.between(Instant.now(), Instant.ofEpochSecond(accessToken.getExpirationTime()));
        // each subscriber buffers its own alerts, so a burst does not end the stream, and hands each out once it is
        // logged; no timer groups them, since a timer's list cannot wait for a log slower than its window; the stream
        // ends with the token, so a lapsed grant or role is judged again
        return feed.live()
                .onOverflow().buffer(SUBSCRIBER_BUFFER)
                .filter(alert -> recipients.receives(caller.actor(), alert.view().owner(), alert.ownerHasStanding()))
                .map(AlertStore.Stored::view)
                .onItem().transformToUni(alert -> deliveryLog.logStreamed(caller, deliveries(List.of(alert)))
                        .replaceWith(alert))
                .merge(DELIVERIES_IN_FLIGHT)
                .select().first(untilTokenExpires)
                .onTermination().invoke(() -> streams.close(username));
    }

    @POST
    @Path("/{id}/disposition")
    @Operation(summary = "Record the disposition of an alert you receive: confirmed, misread or dismissed", description = "Logged under the purpose and case of the alert's entry.")
    @APIResponse(responseCode = "200", description = "The alert with its disposition")
    @APIResponse(responseCode = "400", description = "Invalid disposition")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an alert you receive")
    @APIResponse(responseCode = "404", description = "No such alert")
    @APIResponse(responseCode = "409", description = "The alert already has a disposition")
    public Uni<AlertView> dispose(@PathParam("id") UUID id, @Valid @NotNull DispositionRequest request) {
        Access access = Access.toRecords("alert.disposition", recipients.roles(),
                Map.of("disposition", request.disposition().column()), id.toString());
        return gate.perform(access, (connection, actor) -> store.byId(connection, id).chain(found -> {
            AlertStore.Stored alert = found.orElseThrow(() -> ProblemException.notFound("no alert " + id));
            if (!recipients.receives(actor, alert.view().owner(), alert.ownerHasStanding())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "alert " + id + " is not an alert you receive");
            }
            return store.dispose(connection, id, request.disposition().column(), actor.username(), request.note())
                    .chain(disposed -> {
                        if (!disposed) {
                            throw new ProblemException(ProblemType.CONFLICT, "alert " + id + " was already "
                                    + alert.view().disposition() + " by " + alert.view().disposedBy());
                        }
                        return store.byId(connection, id);
                    })
                    .map(disposed -> Granted.of(disposed.orElseThrow().view(), 1)
                            .servingCase(alert.view().purpose(), alert.view().caseNumber()));
        }));
    }

    private static List<DeliveryLog.Delivery> deliveries(List<AlertView> alerts) {
        return alerts.stream().map(alert -> new DeliveryLog.Delivery(alert.id(), alert.purpose(), alert.caseNumber())).toList();
    }
}
