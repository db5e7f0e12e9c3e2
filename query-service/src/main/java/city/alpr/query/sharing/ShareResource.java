package city.alpr.query.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

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
import city.alpr.query.exports.EvidenceExports;
import city.alpr.query.exports.ExportResource;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sharing with other agencies (R14, R15): only the custodian, only chosen reads for one case, only to a registered
 * law-enforcement or prosecutorial agency, and under a California policy only to a state or local agency of California
 * (Civil Code 1798.90.5, .55; R34). The recipient gets a signed evidence package and becomes the data's owner; the share,
 * its scope and the transfer are recorded and logged. Nothing here lists, sells or dumps data in bulk.
 */
@Path("/v1/shares")
@Tag(name = "Sharing")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ShareResource {

    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);
    /**
     * A public agency under Civil Code 1798.90.5 is a state or local agency, as the Attorney General reads it
     * (bulletin 2023-DLE-06): never a federal, tribal or private one.
     */
    static final Set<String> PUBLIC_AGENCY_LEVELS = Set.of("local", "state");

    private static final String SHARE = """
            select s.id, s.agency_id, a.name, s.purpose, s.case_number, s.read_count, s.shared_by, s.shared_at,
                   s.ownership_transferred, s.export_id
            from data_share s join agency a on a.id = s.agency_id""";

    private final Gate gate;
    private final EvidenceExports exports;
    private final QueryConfig config;

    ShareResource(Gate gate, EvidenceExports exports, QueryConfig config) {
        this.gate = gate;
        this.exports = exports;
        this.config = config;
    }

    @POST
    @Operation(summary = "Share chosen reads with a registered agency", description = "Custodian only. The agency must be registered, active and, under a California policy, a "
            + "California public agency. The package is signed; ownership passes to the agency.")
    @APIResponse(responseCode = "201", description = "The share")
    @APIResponse(responseCode = "400", description = "Invalid share, unknown reads, or purpose/case number missing")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian, or the agency may not receive data")
    public Uni<Response> share(@Valid @NotNull ShareRequest request) {
        List<UUID> readIds = request.readIds();
        exports.requireBounded(readIds, "sharing");
        UUID shareId = UUID.randomUUID();
        UUID exportId = UUID.randomUUID();
        Access access = Access.toReadData("read.share", CUSTODIAN, request.purpose(), request.caseNumber(),
                request.alertId(), readIds,
                Map.of("agencyId", request.agencyId(), "readIds", readIds.stream().map(UUID::toString).toList()),
                shareId.toString());
        return gate.<Share> perform(access, (client, actor) -> recipientRule(client, request, actor),
                (connection, actor) -> agencyName(connection, request.agencyId())
                        .chain(agency -> exports.create(connection, exportId, actor, request.purpose(),
                                request.caseNumber(), agency, readIds, actor.username())
                                .chain(export -> connection.preparedQuery("""
                                        insert into data_share (id, agency_id, purpose, case_number, export_id,
                                                                read_count, shared_by, ownership_transferred)
                                        values ($1, $2, $3, $4, $5, $6, $7, true)""")
                                        .execute(Tuple.tuple().addValue(shareId).addString(request.agencyId())
                                                .addString(request.purpose()).addString(request.caseNumber())
                                                .addValue(exportId).addInteger(readIds.size())
                                                .addString(actor.username())))
                                .chain(() -> exports.transfer(connection, exportId, actor, "to " + agency
                                        + "; ownership passes to the recipient agency", null))
                                .chain(() -> find(connection, shareId)))
                        .map(share -> Granted.of(share, readIds.size())))
                .map(share -> Response.status(Response.Status.CREATED).entity(share).build());
    }

    /** Who may receive data at all (003 §1, §6; Civil Code 1798.90.55), and which of the reads exist. */
    private Uni<Optional<ProblemException>> recipientRule(SqlClient client, ShareRequest request, Actor actor) {
        if (request.caseNumber() == null || request.caseNumber().isBlank()) {
            return Uni.createFrom().item(Optional.of(ProblemException.invalid(
                    List.of(Violation.of("caseNumber", "is required: a share serves one case")))));
        }
        String state = config.policy().sharingState();
        return client.preparedQuery("select kind, state, level, active from agency where id = $1")
                .execute(Tuple.of(request.agencyId()))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                                "data may be shared only with a registered agency; " + request.agencyId()
                                        + " is not registered")));
                    }
                    Row agency = rows.iterator().next();
                    if (!agency.getBoolean("active")) {
                        return Uni.createFrom().item(Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                                "agency " + request.agencyId() + " is no longer registered to receive data")));
                    }
                    if (!state.isBlank() && (!state.equals(agency.getString("state"))
                            || !PUBLIC_AGENCY_LEVELS.contains(agency.getString("level")))) {
                        return Uni.createFrom().item(Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                                "under " + config.policy().title() + " data may be shared only with state or local "
                                        + "agencies of " + state + " (Civil Code 1798.90.5, .55); " + request.agencyId()
                                        + " is a " + agency.getString("level") + " agency of "
                                        + agency.getString("state"))));
                    }
                    return exports.flagged(client, request.readIds(), actor).map(found -> {
                        List<Violation> missing = EvidenceExports.missing(request.readIds(), found);
                        return missing.isEmpty() ? Optional.<ProblemException> empty()
                                : Optional.of(ProblemException.invalid(missing));
                    });
                });
    }

    @GET
    @Operation(summary = "Every share: recipient, purpose, case, size and transfer of ownership")
    @APIResponse(responseCode = "200", description = "The shares, newest first")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<Share>> list() {
        return gate.perform(Access.toRecords("share.list", CUSTODIAN, Map.of(), null),
                (connection, actor) -> connection.query(SHARE + " order by s.shared_at desc").execute().map(rows -> {
                    List<Share> shares = new ArrayList<>();
                    rows.forEach(row -> shares.add(share(row)));
                    return Granted.of(shares, shares.size());
                }));
    }

    @GET
    @Path("/{id}/package")
    @Produces("application/zip")
    @Operation(summary = "Download the package of a share, to hand to the recipient agency")
    @APIResponse(responseCode = "200", description = "The ZIP package")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such share, or its download window has closed")
    public Uni<Response> download(@PathParam("id") UUID id) {
        return gate.<Response> perform(Access.toRecords("share.download", CUSTODIAN,
                Map.of("shareId", id.toString()), id.toString()),
                (connection, actor) -> find(connection, id).chain(share -> share == null
                        ? Uni.createFrom().item(Granted.<Response> of(null, 0))
                        : exports.openPackage(connection, share.exportId()).chain(zip -> zip == null
                                ? Uni.createFrom().item(Granted.<Response> of(null, 0))
                                : exports.custody(connection, share.exportId(), "downloaded", actor, null)
                                        .map(event -> Granted.of(ExportResource.packageResponse(share.exportId(), zip), 1)))))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "no downloadable package for share " + id + "; the download window may have closed"));
    }

    private static Uni<String> agencyName(SqlConnection connection, String agencyId) {
        return connection.preparedQuery("select name from agency where id = $1").execute(Tuple.of(agencyId))
                .map(rows -> rows.iterator().next().getString(0));
    }

    private static Uni<Share> find(SqlConnection connection, UUID id) {
        return connection.preparedQuery(SHARE + " where s.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? share(rows.iterator().next()) : null);
    }

    private static Share share(Row row) {
        return new Share(row.getUUID("id"), row.getString("agency_id"), row.getString("name"), row.getString("purpose"),
                row.getString("case_number"), row.getInteger("read_count"), row.getString("shared_by"),
                row.getOffsetDateTime("shared_at"), row.getBoolean("ownership_transferred"), row.getUUID("export_id"));
    }
}
