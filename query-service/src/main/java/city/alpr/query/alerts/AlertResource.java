package city.alpr.query.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.Access;
import city.alpr.query.access.Gatekeeper;
import city.alpr.query.access.Gatekeeper.Caller;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Hotlist alerts (R7): the live feed, the recent list, and the disposition a person must record for each.
 * Who may see them is the policy's choice ({@code alert-roles}).
 */
@Path("/v1/alerts")
@Tag(name = "Alerts")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class AlertResource {

    private static final Duration SUBSCRIPTION_CHECK = Duration.ofSeconds(10);

    private final Gatekeeper gatekeeper;
    private final AlertFeed feed;
    private final JsonWebToken accessToken;
    private final Set<Role> recipients;

    AlertResource(Gatekeeper gatekeeper, AlertFeed feed, JsonWebToken accessToken, QueryConfig config) {
        this.gatekeeper = gatekeeper;
        this.feed = feed;
        this.accessToken = accessToken;
        this.recipients = config.policy().alertRoles().stream()
                .map(claim -> Role.ofClaim(claim)
                        .orElseThrow(() -> new IllegalStateException("alert-roles names an unknown role: " + claim)))
                .collect(Collectors.toUnmodifiableSet());
    }

    @GET
    @Operation(summary = "Recent alerts, newest first", description = "open=true lists only alerts without a disposition.")
    @APIResponse(responseCode = "200", description = "The alerts of the last 7 days")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The policy does not show alerts to your role")
    public Uni<List<AlertView>> recent(@QueryParam("open") boolean open) {
        return gatekeeper.perform(Access.toRecords("alert.list", recipients, Map.of("open", open), null),
                (connection, actor) -> connection.preparedQuery(AlertView.SELECT + """
                         where a.raised_at > now() - interval '7 days' and ($1 = false or a.disposition is null)
                        order by a.raised_at desc limit 500""").execute(Tuple.of(open)).map(rows -> {
                    List<AlertView> alerts = new ArrayList<>();
                    rows.forEach(row -> alerts.add(AlertView.from(row)));
                    return Granted.of(alerts, alerts.size());
                }));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to alerts as they are raised (server-sent events)",
            description = "Each event is one alert, sent within a second of the read that raised it. The subscription "
                    + "and every alert sent are logged; the stream ends when the token expires.")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The policy does not show alerts to your role")
    @Blocking
    public Multi<AlertView> stream() {
        // judged before the stream opens: once the event stream has begun, a refusal could no longer be answered
        Caller caller = gatekeeper.caller();
        gatekeeper.perform(Access.toRecords("alert.subscribe", recipients, Map.of(), null),
                (connection, actor) -> Uni.createFrom().item(Granted.of(true, 0)))
                .await().atMost(SUBSCRIPTION_CHECK);
        Duration untilTokenExpires = Duration.between(Instant.now(), Instant.ofEpochSecond(accessToken.getExpirationTime()));
        // each alert handed out is logged; the stream ends with the token, so a lapsed grant or role is re-judged
        return feed.live()
                .onItem().call(alert -> gatekeeper.logDelivery(caller, "alert.delivered",
                        Map.of("alertId", alert.id().toString(), "readId", alert.readId().toString(),
                                "plate", alert.plate()), alert.id().toString()))
                .select().first(untilTokenExpires);
    }

    @POST
    @Path("/{id}/disposition")
    @Operation(summary = "Record the disposition of an alert: confirmed, misread or dismissed")
    @APIResponse(responseCode = "200", description = "The alert with its disposition")
    @APIResponse(responseCode = "400", description = "Invalid disposition")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The policy does not show alerts to your role")
    @APIResponse(responseCode = "404", description = "No such alert")
    @APIResponse(responseCode = "409", description = "The alert already has a disposition")
    public Uni<AlertView> dispose(@PathParam("id") UUID id, @Valid @NotNull DispositionRequest request) {
        Access access = Access.toRecords("alert.disposition", recipients,
                Map.of("disposition", request.disposition().column(), "note", String.valueOf(request.note())),
                id.toString());
        return gatekeeper.<AlertView>perform(access, (connection, actor) -> connection.preparedQuery("""
                update hotlist_alert set disposition = $2, disposed_by = $3, disposed_at = now(), disposition_note = $4
                where id = $1 and disposition is null returning id""")
                .execute(Tuple.of(id, request.disposition().column(), actor.username(), request.note()))
                .chain(updated -> connection.preparedQuery(AlertView.SELECT + " where a.id = $1").execute(Tuple.of(id))
                        .map(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Granted.<AlertView>of(null, 0);
                            }
                            AlertView alert = AlertView.from(rows.iterator().next());
                            if (updated.rowCount() == 0) {
                                throw new ProblemException(ProblemType.CONFLICT, "alert " + id + " was already "
                                        + alert.disposition() + " by " + alert.disposedBy());
                            }
                            return Granted.of(alert, 1);
                        })))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no alert " + id));
    }
}
