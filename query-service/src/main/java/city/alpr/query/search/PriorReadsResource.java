package city.alpr.query.search;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.hotlists.HotlistKind;
import city.alpr.query.search.SearchRequest.Match;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The reads already held of a plate just put on an Amber, missing-person or wanted list (R6, R9): a search by the
 * officer who watches it, under the entry's purpose and case, judged and logged like any search ({@code read.search},
 * with the entry it serves), over everything retention still holds.
 */
@Path("/v1/hotlists/{hotlistId}/entries/{entryId}/prior-reads")
@Tag(name = "Search")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class PriorReadsResource {

    static final Set<Role> WATCHERS = Set.of(Role.SHERIFF_OFFICER);
    private static final int PAGE_SIZE = 50;

    private final Gate gate;
    private final Pool pool;
    private final WatchedEntryStore entries;
    private final ReadSearch search;
    private final int retentionDays;

    PriorReadsResource(Gate gate, Pool pool, WatchedEntryStore entries, ReadSearch search, QueryConfig config) {
        this.gate = gate;
        this.pool = pool;
        this.entries = entries;
        this.search = search;
        this.retentionDays = config.policy().retentionDays();
    }

    @POST
    @Blocking
    @Operation(summary = "Search the reads already held of an Amber, missing-person or wanted entry's plate", description = "Only "
            + "the officer who added the entry asks, under the entry's purpose and case, as any search is judged: "
            + "logged as read.search with the entry it serves. Newest first, 50 a page; cursor for the next.")
    @APIResponse(responseCode = "200", description = "A page of reads, newest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the entry's officer, not a kind that asks for prior reads, or the policy does not permit this search")
    @APIResponse(responseCode = "404", description = "No such active entry")
    public Uni<SearchPage> priorReads(@PathParam("hotlistId") UUID hotlistId, @PathParam("entryId") UUID entryId,
            @QueryParam("match") @DefaultValue("EXACT") Match match, @QueryParam("cursor") String cursor) {
        if (match == Match.PARTIAL) {
            throw ProblemException.invalid(List.of(Violation.of("match", "the entry's plate is known: EXACT "
                    + "or LOOKALIKE")));
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        Optional<WatchedEntryStore.WatchedEntry> found = entries.active(pool, hotlistId, entryId).await().indefinitely();
        OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime from = to.minusDays(retentionDays + 1L);
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("priorReadsOf", entryId.toString());
        found.ifPresent(entry -> elements.put("plate", entry.plate()));
        elements.put("match", match.name());
        elements.put("from", from.toString());
        elements.put("to", to.toString());
        if (cursor != null) {
            elements.put("cursor", cursor);
        }
        if (found.isEmpty()) {
            return gate.perform(Access.toRecords("read.search", WATCHERS, elements, entryId.toString()),
                    (client, actor) -> Uni.createFrom().item(Optional.of(ProblemException.notFound("no active entry "
                            + entryId + " in hotlist " + hotlistId))),
                    (connection, actor) -> Uni.createFrom().nullItem());
        }
        WatchedEntryStore.WatchedEntry entry = found.get();
        Access access = Access.toReadData("read.search", WATCHERS, entry.purpose(), entry.caseNumber(), null, null,
                elements, entryId.toString());
        ReadSearch.Criteria criteria = new ReadSearch.Criteria(from, to, entry.plate(), match, null, null, null,
                List.of(), PAGE_SIZE, after);
        return gate.perform(access, (client, actor) -> entries.active(client, hotlistId, entryId)
                .map(still -> refusal(entry, still.isPresent(), entryId, actor)),
                (connection, actor) -> search.search(connection, criteria, actor)
                        .map(page -> Granted.of(page, page.reads().size())));
    }

    /**
     * Why this officer may not search the entry's prior reads, judged again in the search's transaction (the entry
     * may have ended since it was read): it must still be active, a person's (a feed's entries are no one's case), the
     * officer's own, and of a kind that asks for prior reads.
     */
    private static Optional<ProblemException> refusal(WatchedEntryStore.WatchedEntry entry, boolean stillActive,
            UUID entryId, Actor actor) {
        if (!stillActive) {
            return Optional.of(ProblemException.notFound("no active entry " + entryId));
        }
        if (entry.owner().startsWith(HotlistKind.FEED_PREFIX)) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN, "entry " + entryId + " is a hotlist feed's; "
                    + "search its plate under a case of your own"));
        }
        if (!entry.owner().equals(actor.username())) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN, "only the officer who added entry "
                    + entryId + " searches its prior reads"));
        }
        if (!entry.kind().searchesPriorReads()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN, "prior reads are searched for entries of "
                    + "Amber, missing-person and wanted lists, not " + entry.kind().column()));
        }
        return Optional.empty();
    }
}
