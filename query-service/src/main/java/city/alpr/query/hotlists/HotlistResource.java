package city.alpr.query.hotlists;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.AlertRecipients;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Hotlists and their entries (R6, R29). Sworn officers keep them; the custodian may look and remove. An entry a
 * person types names a purpose of the policy and a case, is judged like any access to read data for that case (under
 * an on-request policy, only within an approved request), and expires within the policy's bound. Only its owner or
 * the custodian removes it. Every change and every listing is logged. Ingest matches each new read against the
 * active entries in the statement that stores it, so a change here applies to the very next read on every replica.
 */
@Path("/v1/hotlists")
@Tag(name = "Hotlists")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class HotlistResource {

    static final Set<Role> READERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER);
    static final Set<Role> KEEPERS = Set.of(Role.SHERIFF_OFFICER);
    static final Set<Role> REMOVERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER);

    private final Gate gate;
    private final HotlistStore store;
    private final Validator validator;
    private final EntryJson entryJson;
    private final AlertRecipients recipients;
    private final QueryConfig config;

    HotlistResource(Gate gate, HotlistStore store, Validator validator, ObjectMapper mapper,
            AlertRecipients recipients, QueryConfig config) {
        this.gate = gate;
        this.store = store;
        this.validator = validator;
        this.entryJson = new EntryJson(mapper);
        this.recipients = recipients;
        this.config = config;
    }

    @GET
    @Operation(summary = "List hotlists with their active entry counts")
    @APIResponse(responseCode = "200", description = "The hotlists")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role or training does not permit this")
    public Uni<List<Hotlist>> list() {
        return gate.perform(Access.toRecords("hotlist.list", READERS, Map.of(), null),
                (connection, actor) -> store.lists(connection, actor.username(), seesEveryEntry(actor))
                        .map(lists -> Granted.of(lists, lists.size())));
    }

    @POST
    @Operation(summary = "Create a hotlist")
    @APIResponse(responseCode = "201", description = "The hotlist")
    @APIResponse(responseCode = "400", description = "Invalid hotlist")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Only sworn officers keep hotlists")
    @APIResponse(responseCode = "409", description = "A hotlist of that name exists")
    public Uni<Response> create(@Valid @NotNull NewHotlist request) {
        UUID id = UUID.randomUUID();
        Access access = Access.toRecords("hotlist.create", KEEPERS,
                Map.of("name", request.name(), "kind", request.kind().column()), id.toString());
        return gate.perform(access, (connection, actor) -> store.create(connection, id, request, actor.username())
                .map(createdAt -> Granted.of(new Hotlist(id, request.name(), request.kind(), actor.username(), createdAt,
                        0), 1)))
                .onFailure(PgException.class).transform(HotlistResource::conflict)
                .map(hotlist -> Response.status(Response.Status.CREATED).entity(hotlist).build());
    }

    @GET
    @Path("/{id}/entries")
    @Operation(summary = "List the active entries of a hotlist", description = "All of them for the custodian and the holders of the policy's alert roles, who receive "
            + "their alerts; for anyone else those they added (R29).")
    @APIResponse(responseCode = "200", description = "The active entries")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role or training does not permit this")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<List<Entry>> entries(@PathParam("id") UUID hotlistId) {
        return gate.perform(Access.toRecords("hotlist.entries.list", READERS,
                Map.of("hotlistId", hotlistId.toString()), hotlistId.toString()),
                (connection, actor) -> store.kind(connection, hotlistId).chain(kind -> {
                    if (kind.isEmpty()) {
                        throw ProblemException.notFound("no hotlist " + hotlistId);
                    }
                    return store.activeEntries(connection, hotlistId, actor.username(), seesEveryEntry(actor))
                            .map(entries -> Granted.of(entries, entries.size()));
                }));
    }

    @POST
    @Path("/{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Add entries to a hotlist", description = "Each entry names a purpose of the policy and a case number, the same for every entry of "
            + "the request, and expires within the policy's hotlist-entry-max-days. The request is judged like "
            + "an access to read data for that case. The role is checked before the body is read; the body is "
            + "read as a stream and refused at its first entry beyond the limits. All or nothing: any invalid "
            + "entry rejects the request.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = NewEntry.class, maxItems = EntryCsv.MAX_ENTRIES)))
    @APIResponse(responseCode = "201", description = "The entries added")
    @APIResponse(responseCode = "400", description = "Invalid entries, each violation named by index and field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer, no training, or no approved request for the case")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<Response> addEntries(@PathParam("id") UUID hotlistId, InputStream json) throws JsonProcessingException {
        requireKeeper(hotlistId, "json");
        return add(hotlistId, entryJson.parse(json, validator), "json");
    }

    @POST
    @Path("/{id}/entries")
    @Consumes("text/csv")
    @Blocking
    @Operation(summary = "Upload entries as CSV", description = "Header: " + EntryCsv.HEADER
            + ". The rules of JSON entries apply. The role is checked before the upload is read; the upload is read "
            + "as a stream and refused at its first line beyond the limits. All or nothing.")
    @APIResponse(responseCode = "201", description = "The entries added")
    @APIResponse(responseCode = "400", description = "Invalid lines, each violation named by index and column")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer, no training, or no approved request for the case")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<Response> uploadEntries(@PathParam("id") UUID hotlistId, InputStream csv) {
        requireKeeper(hotlistId, "csv");
        return add(hotlistId, EntryCsv.parse(csv, validator), "csv");
    }

    /** Refuses (and logs) someone who may not add entries at all before a byte of their body is read. */
    private void requireKeeper(UUID hotlistId, String format) {
        Access upload = Access.toRecords("hotlist.entry.add", KEEPERS,
                Map.of("hotlistId", hotlistId.toString(), "format", format), hotlistId.toString());
        gate.requireRole(upload).await().indefinitely();
    }

    @DELETE
    @Path("/{id}/entries/{entryId}")
    @Operation(summary = "Remove an entry; it stops matching at once and stays on record", description = "Only the officer who added the entry, or the custodian.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither the entry's owner nor the custodian")
    @APIResponse(responseCode = "404", description = "No such active entry")
    public Uni<Response> remove(@PathParam("id") UUID hotlistId, @PathParam("entryId") UUID entryId) {
        Access access = Access.toRecords("hotlist.entry.remove", REMOVERS,
                Map.of("hotlistId", hotlistId.toString(), "entryId", entryId.toString()), entryId.toString());
        return gate.perform(access, (connection, actor) -> store.activeEntryOwner(connection, hotlistId, entryId)
                .chain(owner -> {
                    if (owner.isEmpty()) {
                        throw ProblemException.notFound("no active entry " + entryId + " in hotlist " + hotlistId);
                    }
                    EntryRules.removalRefusal(entryId, owner.get(), actor).ifPresent(refusal -> {
                        throw refusal;
                    });
                    return store.remove(connection, entryId, actor.username()).replaceWith(Granted.of(1, 1));
                }))
                .map(removed -> Response.noContent().build());
    }

    private boolean seesEveryEntry(Actor actor) {
        return actor.actsAs(Role.CITY_MANAGER) || recipients.holdsAlertRole(actor);
    }

    private Uni<Response> add(UUID hotlistId, List<NewEntry> entries, String format) {
        List<Violation> violations = EntryRules.violations(entries, config.policy(),
                OffsetDateTime.now(ZoneOffset.UTC));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        NewEntry first = entries.getFirst();
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("hotlistId", hotlistId.toString());
        elements.put("format", format);
        elements.put("plates", entries.stream().map(NewEntry::plate).toList());
        elements.put("expiresAt", entries.stream().map(entry -> entry.expiresAt().toString()).distinct().toList());
        Access access = Access.toCaseRecords("hotlist.entry.add", KEEPERS, first.purpose(), first.caseNumber(),
                elements, hotlistId.toString());
        return gate.perform(access, (connection, actor) -> store.kind(connection, hotlistId).chain(kind -> {
            if (kind.isEmpty()) {
                throw ProblemException.notFound("no hotlist " + hotlistId);
            }
            return store.filledByFeed(connection, hotlistId).chain(filledByFeed -> {
                if (filledByFeed) {
                    throw new ProblemException(ProblemType.CONFLICT, "hotlist " + hotlistId + " is filled by a hotlist "
                            + "feed: its entries are the feed's file, replaced at each refresh; watch the plate on a "
                            + "hotlist of your own");
                }
                return store.insert(connection, hotlistId, entries, actor.username())
                        .map(added -> Granted.of(added, added.size()).finding("kind", kind.get().column()));
            });
        })).map(added -> Response.status(Response.Status.CREATED).entity(added).build());
    }

    private static Throwable conflict(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                ? new ProblemException(ProblemType.CONFLICT, "a hotlist of that name already exists")
                : failure;
    }
}
