package city.alpr.query.reads;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadDetails;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.reads.ReadView.AlertMark;
import city.alpr.query.reads.ReadView.CorrectionView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One read, opened: read-only over {@code plate_read} and {@code read_image}, which ingest-service writes, with the
 * alerts of it the viewer receives ({@code hotlist_alert}, {@code hotlist}, {@code hotlist_entry}: the hotlists
 * feature's); and the corrections of reads ({@code read_correction}, owned by this feature). Empty where the read, or
 * its day's key, is gone.
 */
@ApplicationScoped
public class ReadStore {

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

    private final ReadVault vault;
    private final AlertRecipients recipients;

    ReadStore(ReadVault vault, AlertRecipients recipients) {
        this.vault = vault;
        this.recipients = recipients;
    }

    /** An image of a read, opened. */
    record Image(String mediaType, byte[] bytes) {
    }

    Uni<Optional<ReadView>> view(SqlConnection connection, UUID id, Actor viewer) {
        return connection.preparedQuery(READ).execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Optional.<ReadView> empty());
            }
            Row read = rows.iterator().next();
            OffsetDateTime capturedAt = read.getOffsetDateTime("captured_at");
            return dayKey(connection, capturedAt).chain(key -> {
                if (key.isEmpty()) {
                    return Uni.createFrom().item(Optional.<ReadView> empty());
                }
                Tuple parameters = Tuple.of(id, capturedAt);
                return connection.preparedQuery(PARTS.formatted(recipients.receives(viewer, parameters)))
                        .execute(parameters)
                        .map(parts -> Optional.of(view(id, read, key.get(), parts)));
            });
        });
    }

    Uni<Optional<Image>> image(SqlConnection connection, UUID id, String kind) {
        return connection.preparedQuery(
                "select captured_at, media_type, sealed_bytes from read_image where read_id = $1 and kind = $2")
                .execute(Tuple.of(id, kind))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<Image> empty());
                    }
                    Row row = rows.iterator().next();
                    return dayKey(connection, row.getOffsetDateTime("captured_at")).map(key -> key.map(
                            found -> new Image(row.getString("media_type"),
                                    vault.image(found, id, kind, row.getBuffer("sealed_bytes").getBytes()))));
                });
    }

    /** Seals and stores a correction of the read, keeping the original (R22). */
    Uni<Optional<CorrectionView>> correct(SqlConnection connection, UUID readId, CorrectionRequest request,
            String username) {
        return connection.preparedQuery("select captured_at from plate_read where id = $1").execute(Tuple.of(readId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<CorrectionView> empty());
                    }
                    OffsetDateTime capturedAt = rows.iterator().next().getOffsetDateTime("captured_at");
                    return dayKey(connection, capturedAt).chain(key -> key.isEmpty()
                            ? Uni.createFrom().item(Optional.<CorrectionView> empty())
                            : insertCorrection(connection, readId, capturedAt, key.get(), request, username)
                                    .map(Optional::of));
                });
    }

    private Uni<Optional<DataKey>> dayKey(SqlConnection connection, OffsetDateTime capturedAt) {
        return vault.keys(connection, capturedAt, capturedAt)
                .map(keys -> Optional.ofNullable(keys.get(ReadVault.day(capturedAt))));
    }

    private Uni<CorrectionView> insertCorrection(SqlConnection connection, UUID readId, OffsetDateTime capturedAt,
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
                .map(rows -> new CorrectionView(correctionId, request.plate(), request.region(), request.reason(),
                        username, rows.iterator().next().getOffsetDateTime(0)));
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
                details.location(), details.vehicle(), images, details.source(), details.imageNote(),
                details.candidates() == null ? List.of() : details.candidates(), alerts, corrections);
    }
}
