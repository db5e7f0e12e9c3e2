package city.alpr.query.reads;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.Granted;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.reads.ReadDetails;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.reads.ReadView.AlertMark;
import city.alpr.query.reads.ReadView.CorrectionView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@Path("/v1/reads/{id}")
@Tag(name = "Reads")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ReadResource {

    static final Set<Role> VIEWERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER, Role.CONTRACTOR);
    static final Set<Role> CORRECTORS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER);

    private static final String READ = """
            select r.captured_at, r.received_at, r.camera_id, r.sealed_details from plate_read r where r.id = $1""";
    /** The read's images, the alerts of it the viewer receives ({@code %s}, R29) and its corrections. */
    private static final String PARTS = """
            select 'image' as part, kind as name, null::uuid as id, null::text as by, null::timestamptz as at, null::bytea as sealed
              from read_image where read_id = $1 and captured_at = $2
            union all
            select 'alert', h.name, a.id, a.disposition, a.raised_at, null
              from hotlist_alert a join hotlist h on h.id = a.hotlist_id join hotlist_entry e on e.id = a.entry_id
             where a.read_id = $1 and a.captured_at = $2 and %s
            union all
            select 'correction', null, id, corrected_by, corrected_at, sealed_correction
              from read_correction where read_id = $1 and captured_at = $2
            order by part, at nulls first""";

    private final Gate gate;
    private final ReadVault vault;
    private final AlertRecipients recipients;

    ReadResource(Gate gate, ReadVault vault, AlertRecipients recipients) {
        this.gate = gate;
        this.vault = vault;
        this.recipients = recipients;
    }

    @GET
    @Operation(summary = "View one read for a stated purpose", description = "Logged with purpose and case number (R9, "
            + "R16); under a purpose that answers a hotlist alert, alertId names it and the read must be its read.")
    @APIResponse(responseCode = "200", description = "The read")
    @APIResponse(responseCode = "400", description = "Purpose or case number missing or not allowed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training, grant or policy does not permit this view")
    @APIResponse(responseCode = "404", description = "No such read, or it has been purged")
    public Uni<ReadView> view(@PathParam("id") UUID id, @QueryParam("purpose") String purpose,
            @QueryParam("caseNumber") String caseNumber, @QueryParam("alertId") UUID alertId) {
        Access access = Access.toReadData("read.view", VIEWERS, purpose, caseNumber, alertId, List.of(id),
                Map.of("readId", id.toString()), id.toString());
        return gate.<ReadView> perform(access, (connection, actor) -> load(connection, id, actor)
                .map(view -> Granted.of(view, view == null ? 0 : 1)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no read " + id + "; it may have been purged"));
    }

    @GET
    @Path("/images/{kind}")
    @Produces({ "image/jpeg", "image/png" })
    @Operation(summary = "View an image of a read for a stated purpose", description = "kind is plate or overview. Logged (R9, R16).")
    @APIResponse(responseCode = "200", description = "The image bytes")
    @APIResponse(responseCode = "400", description = "Purpose or case number missing or not allowed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training, grant or policy does not permit this view")
    @APIResponse(responseCode = "404", description = "No such read or image")
    public Uni<Response> image(@PathParam("id") UUID id,
            @PathParam("kind") @Pattern(regexp = "plate|overview", message = "must be plate or overview") String kind,
            @QueryParam("purpose") String purpose, @QueryParam("caseNumber") String caseNumber,
            @QueryParam("alertId") UUID alertId) {
        Access access = Access.toReadData("read.image.view", VIEWERS, purpose, caseNumber, alertId, List.of(id),
                Map.of("readId", id.toString(), "image", kind), id + "/" + kind);
        return gate.<Response> perform(access, (connection, actor) -> connection.preparedQuery(
                "select captured_at, media_type, sealed_bytes from read_image where read_id = $1 and kind = $2")
                .execute(Tuple.of(id, kind))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Granted.<Response> of(null, 0));
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
                    return vault.keys(connection, capturedAt, capturedAt).map(keys -> {
                        DataKey key = keys.get(ReadVault.day(capturedAt));
                        if (key == null) {
                            return Granted.<Response> of(null, 0);
                        }
                        byte[] image = vault.image(key, id, kind, row.getBuffer("sealed_bytes").getBytes());
                        return Granted.of(Response.ok(image, row.getString("media_type"))
                                .header("Cache-Control", "no-store").build(), 1);
                    });
                }))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no " + kind + " image for read " + id));
    }

    @POST
    @Path("/corrections")
    @Operation(summary = "Correct a misread plate", description = "The original read is kept; the correction is sealed, "
            + "searchable and logged by its id (R22); the log does not pair the corrected plate with the read.")
    @APIResponse(responseCode = "201", description = "The correction")
    @APIResponse(responseCode = "400", description = "Invalid correction, or purpose/case number missing")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training or policy does not permit corrections")
    @APIResponse(responseCode = "404", description = "No such read")
    public Uni<Response> correct(@PathParam("id") UUID id, @Valid @NotNull CorrectionRequest request) {
        Access access = Access.toReadData("read.correct", CORRECTORS, request.purpose(), request.caseNumber(),
                request.alertId(), List.of(id), Map.of("readId", id.toString()), id.toString());
        return gate.<CorrectionView> perform(access, (connection, actor) -> connection
                .preparedQuery("select captured_at from plate_read where id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Granted.<CorrectionView> of(null, 0));
                    }
                    OffsetDateTime capturedAt = rows.iterator().next().getOffsetDateTime("captured_at");
                    return vault.keys(connection, capturedAt, capturedAt).chain(keys -> {
                        DataKey key = keys.get(ReadVault.day(capturedAt));
                        return key == null ? Uni.createFrom().item(Granted.<CorrectionView> of(null, 0))
                                : store(connection, id, capturedAt, key, request, actor.username());
                    });
                }))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no read " + id + "; it may have been purged"))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).type(MediaType.APPLICATION_JSON).build());
    }

    private Uni<Granted<CorrectionView>> store(SqlConnection connection, UUID readId, OffsetDateTime capturedAt,
            DataKey key, CorrectionRequest request, String username) {
        UUID correctionId = UUID.randomUUID();
        String normalized = PlateText.normalize(request.plate());
        String lookAlike = PlateText.lookAlike(normalized);
        Correction correction = new Correction(request.plate(), normalized, request.region(), request.reason());
        Short[] buckets = Arrays.stream(key.trigramBuckets(PlateText.trigrams(lookAlike)))
                .mapToObj(bucket -> (short) bucket).toArray(Short[]::new);
        return connection.preparedQuery("""
                insert into read_correction (id, read_id, captured_at, plate_index, plate_lookalike_index,
                                             plate_trigram_buckets, sealed_correction, corrected_by)
                values ($1, $2, $3, $4, $5, $6, $7, $8) returning corrected_at""")
                .execute(Tuple.tuple().addValue(correctionId).addValue(readId).addValue(capturedAt)
                        .addValue(Buffer.buffer(key.plateIndex(normalized))).addValue(Buffer.buffer(key.plateIndex(lookAlike)))
                        .addValue(buckets).addValue(Buffer.buffer(vault.sealCorrection(key, readId, correctionId, correction)))
                        .addString(username))
                .map(rows -> new Granted<>(new CorrectionView(correctionId, request.plate(), request.region(),
                        request.reason(), username, rows.iterator().next().getOffsetDateTime(0)), 1,
                        readId + "/correction/" + correctionId).finding("correctionId", correctionId.toString()));
    }

    private Uni<ReadView> load(SqlConnection connection, UUID id, Actor viewer) {
        return connection.preparedQuery(READ).execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row read = rows.iterator().next();
            OffsetDateTime capturedAt = read.getOffsetDateTime("captured_at");
            return vault.keys(connection, capturedAt, capturedAt).chain(keys -> {
                DataKey key = keys.get(ReadVault.day(capturedAt));
                if (key == null) {
                    return Uni.createFrom().nullItem();
                }
                Tuple parameters = Tuple.of(id, capturedAt);
                return connection.preparedQuery(PARTS.formatted(recipients.receives(viewer, parameters)))
                        .execute(parameters)
                        .map(parts -> view(id, read, key, parts));
            });
        });
    }

    private ReadView view(UUID id, Row read, DataKey key, Iterable<Row> parts) {
        ReadDetails details = vault.details(key, id, read.getBuffer("sealed_details").getBytes(),
                read.getString("camera_id"), read.getOffsetDateTime("captured_at"));
        List<String> images = new ArrayList<>();
        List<AlertMark> alerts = new ArrayList<>();
        List<CorrectionView> corrections = new ArrayList<>();
        for (Row part : parts) {
            switch (part.getString("part")) {
                case "image" -> images.add(part.getString("name"));
                case "alert" -> alerts.add(new AlertMark(part.getUUID("id"), part.getString("name"), part.getString("by")));
                default -> {
                    UUID correctionId = part.getUUID("id");
                    Correction correction = vault.correction(key, id, correctionId, part.getBuffer("sealed").getBytes());
                    corrections.add(new CorrectionView(correctionId, correction.plate(), correction.region(),
                            correction.reason(), part.getString("by"), part.getOffsetDateTime("at")));
                }
            }
        }
        return new ReadView(id, read.getOffsetDateTime("captured_at"), read.getOffsetDateTime("received_at"),
                read.getString("camera_id"), details.site().name(), details.site().latitude(),
                details.site().longitude(), details.plate(), details.region(), details.confidence(),
                details.location(), details.vehicle(), images, alerts, corrections);
    }
}
