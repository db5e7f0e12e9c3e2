package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.plates.PlateText;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.query.access.Access;
import city.alpr.query.access.Gatekeeper;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Hotlists and their entries (R6). Sworn officers keep them; the custodian may look. Every change and every
 * listing is logged. Ingest matches each new read against the active entries in the statement that stores it,
 * so a change here applies to the very next read on every replica.
 */
@Path("/v1/hotlists")
@Tag(name = "Hotlists")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class HotlistResource {

    static final Set<Role> READERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER);
    static final Set<Role> KEEPERS = Set.of(Role.SHERIFF_OFFICER);

    private static final String ENTRY_COLUMNS = """
            id, hotlist_id, plate, region, source, reason, case_number, owner, expires_at, created_by, created_at""";

    private final Gatekeeper gatekeeper;
    private final Validator validator;

    HotlistResource(Gatekeeper gatekeeper, Validator validator) {
        this.gatekeeper = gatekeeper;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "List hotlists with their active entry counts")
    @APIResponse(responseCode = "200", description = "The hotlists")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role or training does not permit this")
    public Uni<List<Hotlist>> list() {
        return gatekeeper.perform(Access.toRecords("hotlist.list", READERS, Map.of(), null),
                (connection, actor) -> connection.query("""
                        select h.id, h.name, h.kind, h.created_by, h.created_at,
                               count(e.id) filter (where e.removed_at is null and e.expires_at > now()) as active
                        from hotlist h left join hotlist_entry e on e.hotlist_id = h.id
                        group by h.id order by h.name""").execute().map(rows -> {
                    List<Hotlist> lists = new ArrayList<>();
                    for (Row row : rows) {
                        lists.add(new Hotlist(row.getUUID("id"), row.getString("name"),
                                HotlistKind.ofColumn(row.getString("kind")), row.getString("created_by"),
                                row.getOffsetDateTime("created_at"), row.getLong("active")));
                    }
                    return Granted.of(lists, lists.size());
                }));
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
        return gatekeeper.perform(access, (connection, actor) -> connection.preparedQuery(
                "insert into hotlist (id, name, kind, created_by) values ($1, $2, $3, $4) returning created_at")
                .execute(Tuple.of(id, request.name(), request.kind().column(), actor.username()))
                .map(rows -> Granted.of(new Hotlist(id, request.name(), request.kind(), actor.username(),
                        rows.iterator().next().getOffsetDateTime(0), 0), 1)))
                .onFailure(PgException.class).transform(HotlistResource::conflict)
                .map(hotlist -> Response.status(Response.Status.CREATED).entity(hotlist).build());
    }

    @GET
    @Path("/{id}/entries")
    @Operation(summary = "List the active entries of a hotlist")
    @APIResponse(responseCode = "200", description = "The active entries")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role or training does not permit this")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<List<Entry>> entries(@PathParam("id") UUID hotlistId) {
        return gatekeeper.<List<Entry>>perform(Access.toRecords("hotlist.entries.list", READERS,
                Map.of("hotlistId", hotlistId.toString()), hotlistId.toString()),
                (connection, actor) -> exists(connection, hotlistId).chain(exists -> !exists
                        ? Uni.createFrom().item(Granted.<List<Entry>>of(null, 0))
                        : connection.preparedQuery("select " + ENTRY_COLUMNS + """
                                 from hotlist_entry
                                where hotlist_id = $1 and removed_at is null and expires_at > now()
                                order by created_at""").execute(Tuple.of(hotlistId)).map(rows -> {
                            List<Entry> entries = new ArrayList<>();
                            rows.forEach(row -> entries.add(entry(row)));
                            return Granted.of(entries, entries.size());
                        })))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no hotlist " + hotlistId));
    }

    @POST
    @Path("/{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add entries to a hotlist", description = "All or nothing: any invalid entry rejects the request.")
    @APIResponse(responseCode = "201", description = "The entries added")
    @APIResponse(responseCode = "400", description = "Invalid entries, each violation named by index and field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Only sworn officers keep hotlists")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<Response> addEntries(@PathParam("id") UUID hotlistId,
            @Valid @NotNull @Size(min = 1, max = EntryCsv.MAX_ENTRIES) List<@NotNull @Valid NewEntry> entries) {
        return add(hotlistId, entries, "json");
    }

    @POST
    @Path("/{id}/entries")
    @Consumes("text/csv")
    @Operation(summary = "Upload entries as CSV", description = "Header: " + EntryCsv.HEADER
            + ". All or nothing: any invalid line rejects the upload.")
    @APIResponse(responseCode = "201", description = "The entries added")
    @APIResponse(responseCode = "400", description = "Invalid lines, each violation named by index and column")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Only sworn officers keep hotlists")
    @APIResponse(responseCode = "404", description = "No such hotlist")
    public Uni<Response> uploadEntries(@PathParam("id") UUID hotlistId, String csv) {
        return add(hotlistId, EntryCsv.parse(csv == null ? "" : csv, validator), "csv");
    }

    @DELETE
    @Path("/{id}/entries/{entryId}")
    @Operation(summary = "Remove an entry; it stops matching at once and stays on record")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Only sworn officers keep hotlists")
    @APIResponse(responseCode = "404", description = "No such active entry")
    public Uni<Response> remove(@PathParam("id") UUID hotlistId, @PathParam("entryId") UUID entryId) {
        Access access = Access.toRecords("hotlist.entry.remove", KEEPERS,
                Map.of("hotlistId", hotlistId.toString(), "entryId", entryId.toString()), entryId.toString());
        return gatekeeper.perform(access, (connection, actor) -> connection.preparedQuery("""
                update hotlist_entry set removed_by = $3, removed_at = now()
                where id = $1 and hotlist_id = $2 and removed_at is null""")
                .execute(Tuple.of(entryId, hotlistId, actor.username()))
                .map(rows -> Granted.of(rows.rowCount(), rows.rowCount())))
                .map(removed -> {
                    if (removed == 0) {
                        throw ProblemException.notFound("no active entry " + entryId + " in hotlist " + hotlistId);
                    }
                    return Response.noContent().build();
                });
    }

    private Uni<Response> add(UUID hotlistId, List<NewEntry> entries, String format) {
        Access access = Access.toRecords("hotlist.entry.add", KEEPERS, Map.of("hotlistId", hotlistId.toString(),
                "format", format, "plates", entries.stream().map(NewEntry::plate).toList()), hotlistId.toString());
        return gatekeeper.<List<Entry>>perform(access, (connection, actor) -> exists(connection, hotlistId)
                .chain(exists -> !exists ? Uni.createFrom().item(Granted.<List<Entry>>of(null, 0))
                        : insert(connection, hotlistId, entries, actor.username())))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no hotlist " + hotlistId))
                .map(added -> Response.status(Response.Status.CREATED).entity(added).build());
    }

    private static Uni<Granted<List<Entry>>> insert(SqlConnection connection, UUID hotlistId, List<NewEntry> entries,
            String username) {
        int n = entries.size();
        UUID[] ids = new UUID[n];
        String[] plates = new String[n];
        String[] lookAlikes = new String[n];
        String[] regions = new String[n];
        String[] sources = new String[n];
        String[] reasons = new String[n];
        String[] cases = new String[n];
        String[] owners = new String[n];
        OffsetDateTime[] expiries = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewEntry entry = entries.get(i);
            ids[i] = UUID.randomUUID();
            plates[i] = PlateText.normalize(entry.plate());
            lookAlikes[i] = PlateText.lookAlike(plates[i]);
            regions[i] = entry.region();
            sources[i] = entry.source();
            reasons[i] = entry.reason();
            cases[i] = entry.caseNumber();
            owners[i] = entry.owner();
            expiries[i] = entry.expiresAt();
        }
        return connection.preparedQuery("""
                insert into hotlist_entry (id, hotlist_id, plate, plate_lookalike, region, source, reason, case_number,
                                           owner, expires_at, created_by)
                select e.id, $1, e.plate, e.lookalike, e.region, e.source, e.reason, e.case_number, e.owner,
                       e.expires_at, $2
                from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::text[], $11::timestamptz[])
                     as e (id, plate, lookalike, region, source, reason, case_number, owner, expires_at)
                returning\s""" + ENTRY_COLUMNS)
                .execute(Tuple.tuple().addValue(hotlistId).addString(username).addValue(ids).addValue(plates)
                        .addValue(lookAlikes).addValue(regions).addValue(sources).addValue(reasons).addValue(cases)
                        .addValue(owners).addValue(expiries))
                .map(rows -> {
                    List<Entry> added = new ArrayList<>();
                    rows.forEach(row -> added.add(entry(row)));
                    return Granted.of(added, added.size());
                });
    }

    private static Uni<Boolean> exists(SqlConnection connection, UUID hotlistId) {
        return connection.preparedQuery("select 1 from hotlist where id = $1").execute(Tuple.of(hotlistId))
                .map(rows -> rows.iterator().hasNext());
    }

    private static Entry entry(Row row) {
        return new Entry(row.getUUID("id"), row.getUUID("hotlist_id"), row.getString("plate"), row.getString("region"),
                row.getString("source"), row.getString("reason"), row.getString("case_number"), row.getString("owner"),
                row.getOffsetDateTime("expires_at"), row.getString("created_by"), row.getOffsetDateTime("created_at"));
    }

    private static Throwable conflict(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                ? new ProblemException(ProblemType.CONFLICT, "a hotlist of that name already exists")
                : failure;
    }
}
