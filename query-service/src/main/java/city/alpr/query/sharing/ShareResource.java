package city.alpr.query.sharing;

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
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.exports.EvidenceExports;
import city.alpr.query.exports.ExportResource;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

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

    private final Gate gate;
    private final ShareStore store;
    private final EvidenceExports exports;
    private final QueryConfig config;

    ShareResource(Gate gate, ShareStore store, EvidenceExports exports, QueryConfig config) {
        this.gate = gate;
        this.store = store;
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
                (connection, actor) -> store.agency(connection, request.agencyId()).map(Optional::orElseThrow)
                        .chain(agency -> exports.create(connection, exportId, actor, request.purpose(),
                                request.caseNumber(), agency.name(), readIds, actor.username())
                                .chain(export -> store.record(connection, shareId, request, exportId, actor.username()))
                                .chain(() -> exports.transfer(connection, exportId, actor, "to " + agency.name()
                                        + "; ownership passes to the recipient agency", null))
                                .chain(() -> store.find(connection, shareId)).map(Optional::orElseThrow))
                        .map(share -> Granted.of(share, readIds.size())))
                .map(share -> Response.status(Response.Status.CREATED).entity(share).build());
    }

    /** Who may receive data at all, and which of the reads exist. */
    private Uni<Optional<ProblemException>> recipientRule(SqlClient client, ShareRequest request, Actor actor) {
        Optional<ProblemException> noCase = SharingRules.caseRefusal(request.caseNumber());
        if (noCase.isPresent()) {
            return Uni.createFrom().item(noCase);
        }
        return store.agency(client, request.agencyId()).chain(agency -> {
            Optional<ProblemException> refusal = SharingRules.recipientRefusal(request.agencyId(), agency,
                    config.policy());
            return refusal.isPresent() ? Uni.createFrom().item(refusal)
                    : exports.flagged(client, request.readIds(), actor).map(found -> {
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
                (connection, actor) -> store.list(connection).map(shares -> Granted.of(shares, shares.size())));
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
                (connection, actor) -> store.find(connection, id).map(found -> found.orElse(null))
                        .chain(share -> share == null ? Uni.createFrom().item(Granted.<Response> of(null, 0))
                                : exports.openPackage(connection, share.exportId()).chain(zip -> zip == null
                                        ? Uni.createFrom().item(Granted.<Response> of(null, 0))
                                        : exports.custody(connection, share.exportId(), "downloaded", actor, null)
                                                .map(event -> Granted.of(ExportResource.packageResponse(share.exportId(), zip),
                                                        1)))))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "no downloadable package for share " + id + "; the download window may have closed"));
    }
}
