package city.alpr.query.feeds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

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
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * The hotlist feeds this deployment imports (R6): the custodian and officers see when each was last refreshed, with
 * what, and whether it is stale; the custodian refreshes one at once. Both are logged.
 */
@Path("/v1/hotlist-feeds")
@Tag(name = "Hotlist feeds")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class FeedResource {

    static final Set<Role> WATCHERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER);
    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);

    private final Gate gate;
    private final FeedStore store;
    private final FeedRefresh refresh;
    private final QueryConfig config;

    FeedResource(Gate gate, FeedStore store, FeedRefresh refresh, QueryConfig config) {
        this.gate = gate;
        this.store = store;
        this.refresh = refresh;
        this.config = config;
    }

    @GET
    @Operation(summary = "List the hotlist feeds with their last refresh, entry counts and staleness")
    @APIResponse(responseCode = "200", description = "The feeds")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither the custodian nor a sworn officer")
    public Uni<List<FeedStatus>> list() {
        return gate.perform(Access.toRecords("hotlist.feed.list", WATCHERS, Map.of(), null),
                (connection, actor) -> store.all(connection).map(kept -> {
                    List<FeedStatus> feeds = FeedStatus.of(config.hotlistFeeds(), kept, Instant.now());
                    return Granted.of(feeds, feeds.size());
                }));
    }

    @POST
    @Path("/{name}/refresh")
    @Blocking
    @Operation(summary = "Read the feed's file now and import it, even if unchanged", description = "The file replaces the "
            + "feed's entries in one transaction: entries it no longer holds stop matching. A file that does not fit "
            + "its layout is refused whole, naming the line, and the entries of the last import stay in force.")
    @APIResponse(responseCode = "200", description = "The feed after the import")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such feed")
    @APIResponse(responseCode = "409", description = "Another replica is refreshing the feed")
    @APIResponse(responseCode = "422", description = "The file was refused; the problem names the line")
    public Uni<FeedStatus> refresh(@PathParam("name") String name) {
        Access access = Access.toRecords(FeedRefresh.ACTION, CUSTODIAN, Map.of("feed", name), null);
        gate.requireRole(access).await().indefinitely();
        QueryConfig.Feed feed = refresh.feed(name).orElseThrow(() -> ProblemException.notFound("no hotlist feed " + name));
        FeedReading reading = FeedReading.of(feed);
        return gate.perform(access, (connection, actor) -> refresh.apply(connection, name, reading, true)
                .onFailure(FeedRefresh::refreshUnderWay)
                .transform(failure -> new ProblemException(ProblemType.CONFLICT, "a refresh of feed " + name
                        + " is under way"))
                .chain(outcome -> store.kept(connection, name)
                        .map(kept -> new Granted<>(FeedStatus.of(name, feed, kept.orElseThrow(), Instant.now()),
                                outcome.entries(), outcome.hotlistId().toString(), null, null,
                                Map.copyOf(outcome.elements(feed))))))
                .invoke(status -> {
                    if (reading instanceof FeedReading.Refused refused) {
                        throw new ProblemException(ProblemType.FILE_REFUSED, "the file of feed " + name + " was refused "
                                + "whole; the entries of its last import stay in force: " + refused.reason(),
                                List.of(refused.line() > 0 ? Violation.atItem(refused.line(), "line", refused.reason())
                                        : Violation.of("file", refused.reason())));
                    }
                });
    }
}
