package city.alpr.ingest.reads;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.ingest.reads.IngestResult.Receipt;
import city.alpr.ingest.reads.IngestResult.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a batch with one statement, whatever its size: the idempotency keys are claimed first, and only the
 * reads and images whose keys were new are inserted (R4), and matched against the active hotlist entries, each
 * match raising an alert (R7). An entry's plate is sealed; the match is on the master key's hash of the look-alike
 * plate, which the statement gets for each read and does not store. One statement is one implicit transaction, so
 * the whole batch is stored and matched or nothing is, and a batch costs a single round trip and a single commit.
 * Hotlist changes apply to the next statement, on every replica, without a cache to refresh.
 * <p>
 * Tables: this feature owns {@code ingest_key}, {@code plate_read} and {@code read_image}. The statement also reads
 * {@code hotlist_entry} and inserts into {@code hotlist_alert}, which query-service's hotlists feature owns (its role
 * sees only the entries' keyed plate hashes and expiry); the match stays in this one statement so that a read and its
 * alert commit together.
 */
@ApplicationScoped
class ReadStore {

    private static final String STORE = """
            with claimed as (
                insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at)
                select $1, k.gateway_read_id, k.id, k.captured_at
                from unnest($3::text[], $4::uuid[], $5::timestamptz[]) as k (gateway_read_id, id, captured_at)
                on conflict do nothing
                returning read_id),
            stored_reads as (
                insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                        plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details,
                                        vehicle_buckets)
                select r.id, r.captured_at, $2, r.camera_id, $1, r.gateway_read_id, r.plate_index, r.lookalike,
                       r.buckets::smallint[], r.sealed, r.vehicle::smallint[]
                from unnest($4::uuid[], $5::timestamptz[], $6::text[], $3::text[], $7::bytea[], $8::bytea[],
                            $15::text[], $9::bytea[], $22::text[])
                     as r (id, captured_at, camera_id, gateway_read_id, plate_index, lookalike, buckets, sealed,
                           vehicle)
                where r.id in (select read_id from claimed)),
            raised_alerts as (
                insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind)
                select gen_random_uuid(), r.captured_at, r.id, r.camera_id, e.id, e.hotlist_id,
                       case when e.plate_index = r.plate then 'plate' else 'look-alike' end
                from unnest($4::uuid[], $5::timestamptz[], $6::text[], $16::bytea[], $17::bytea[])
                     as r (id, captured_at, camera_id, plate, lookalike)
                join hotlist_entry e on e.plate_lookalike_index = r.lookalike and e.removed_at is null
                                        and e.expires_at > now()
                where r.id in (select read_id from claimed)),
            raised_candidate_alerts as (
                insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind)
                select gen_random_uuid(), c.captured_at, c.id, c.camera_id, e.id, e.hotlist_id, 'candidate'
                from unnest($18::uuid[], $19::timestamptz[], $20::text[], $21::bytea[])
                     as c (id, captured_at, camera_id, lookalike)
                join hotlist_entry e on e.plate_lookalike_index = c.lookalike and e.removed_at is null
                                        and e.expires_at > now()
                where c.id in (select read_id from claimed)),
            stored_images as (
                insert into read_image (read_id, captured_at, kind, media_type, sealed_bytes)
                select i.read_id, i.captured_at, i.kind, i.media_type, i.sealed
                from unnest($10::uuid[], $11::timestamptz[], $12::text[], $13::text[], $14::bytea[])
                     as i (read_id, captured_at, kind, media_type, sealed)
                where i.read_id in (select read_id from claimed))
            select read_id from claimed""";
    private static final String EARLIER_IDS = """
            select k.gateway_read_id, k.read_id
            from ingest_key k
            join unnest($2::text[], $3::timestamptz[]) as r (gateway_read_id, captured_at)
                 on k.gateway_read_id = r.gateway_read_id and k.captured_at = r.captured_at
            where k.gateway_id = $1""";

    private final Pool pool;

    ReadStore(Pool pool) {
        this.pool = pool;
    }

    Uni<IngestResult> save(String gatewayId, List<SealedRead> reads, OffsetDateTime receivedAt) {
        return pool.preparedQuery(STORE).execute(parameters(gatewayId, reads, receivedAt))
                .map(rows -> {
                    Set<UUID> stored = new HashSet<>();
                    for (Row row : rows) {
                        stored.add(row.getUUID(0));
                    }
                    return stored;
                })
                .chain(stored -> receipts(gatewayId, reads, stored));
    }

    private static Tuple parameters(String gatewayId, List<SealedRead> reads, OffsetDateTime receivedAt) {
        int n = reads.size();
        String[] gatewayReadIds = new String[n];
        UUID[] ids = new UUID[n];
        OffsetDateTime[] captured = new OffsetDateTime[n];
        String[] cameras = new String[n];
        Buffer[] plateIndexes = new Buffer[n];
        Buffer[] lookAlikeIndexes = new Buffer[n];
        String[] buckets = new String[n];
        String[] vehicleBuckets = new String[n];
        Buffer[] sealed = new Buffer[n];
        Buffer[] hotlistPlates = new Buffer[n];
        Buffer[] hotlistLookAlikes = new Buffer[n];
        List<UUID> imageReadIds = new ArrayList<>(n);
        List<OffsetDateTime> imageCaptured = new ArrayList<>(n);
        List<String> kinds = new ArrayList<>(n);
        List<String> mediaTypes = new ArrayList<>(n);
        List<Buffer> sealedImages = new ArrayList<>(n);
        List<UUID> candidateReadIds = new ArrayList<>();
        List<OffsetDateTime> candidateCaptured = new ArrayList<>();
        List<String> candidateCameras = new ArrayList<>();
        List<Buffer> candidateLookAlikes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SealedRead read = reads.get(i);
            gatewayReadIds[i] = read.gatewayReadId();
            ids[i] = read.id();
            captured[i] = read.capturedAt();
            cameras[i] = read.cameraId();
            plateIndexes[i] = Buffer.buffer(read.plateIndex());
            lookAlikeIndexes[i] = Buffer.buffer(read.plateLookAlikeIndex());
            buckets[i] = arrayLiteral(read.trigramBuckets());
            vehicleBuckets[i] = read.vehicleBuckets().length == 0 ? null : arrayLiteral(read.vehicleBuckets());
            sealed[i] = Buffer.buffer(read.sealedDetails());
            hotlistPlates[i] = Buffer.buffer(read.hotlistPlateIndex());
            hotlistLookAlikes[i] = Buffer.buffer(read.hotlistLookAlikeIndex());
            for (SealedRead.SealedImage image : read.images()) {
                imageReadIds.add(read.id());
                imageCaptured.add(read.capturedAt());
                kinds.add(image.kind());
                mediaTypes.add(image.mediaType());
                sealedImages.add(Buffer.buffer(image.sealedBytes()));
            }
            for (byte[] candidate : read.hotlistCandidateLookAlikes()) {
                candidateReadIds.add(read.id());
                candidateCaptured.add(read.capturedAt());
                candidateCameras.add(read.cameraId());
                candidateLookAlikes.add(Buffer.buffer(candidate));
            }
        }
        return Tuple.tuple().addString(gatewayId).addValue(receivedAt).addValue(gatewayReadIds).addValue(ids)
                .addValue(captured).addValue(cameras).addValue(plateIndexes).addValue(lookAlikeIndexes)
                .addValue(sealed).addValue(imageReadIds.toArray(UUID[]::new))
                .addValue(imageCaptured.toArray(OffsetDateTime[]::new)).addValue(kinds.toArray(String[]::new))
                .addValue(mediaTypes.toArray(String[]::new)).addValue(sealedImages.toArray(Buffer[]::new))
                .addValue(buckets).addValue(hotlistPlates).addValue(hotlistLookAlikes)
                .addValue(candidateReadIds.toArray(UUID[]::new))
                .addValue(candidateCaptured.toArray(OffsetDateTime[]::new))
                .addValue(candidateCameras.toArray(String[]::new)).addValue(candidateLookAlikes.toArray(Buffer[]::new))
                .addValue(vehicleBuckets);
    }

    /** A per-read integer array as text, cast back in SQL: unnest would flatten a two-dimensional array. */
    private static String arrayLiteral(int[] values) {
        StringBuilder literal = new StringBuilder(values.length * 12).append('{');
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "" : ",").append(values[i]);
        }
        return literal.append('}').toString();
    }

    /** Receipts in submission order; a replayed read answers with the id it was first stored under. */
    private Uni<IngestResult> receipts(String gatewayId, List<SealedRead> reads, Set<UUID> stored) {
        List<SealedRead> replayed = reads.stream().filter(read -> !stored.contains(read.id())).toList();
        Uni<Map<String, UUID>> earlier = replayed.isEmpty() ? Uni.createFrom().item(Map.of())
                : pool.preparedQuery(EARLIER_IDS).execute(Tuple.tuple().addString(gatewayId)
                        .addValue(replayed.stream().map(SealedRead::gatewayReadId).toArray(String[]::new))
                        .addValue(replayed.stream().map(SealedRead::capturedAt).toArray(OffsetDateTime[]::new)))
                        .map(rows -> {
                            Map<String, UUID> ids = new HashMap<>();
                            for (Row row : rows) {
                                ids.put(row.getString(0), row.getUUID(1));
                            }
                            return ids;
                        });
        return earlier.map(earlierIds -> {
            List<Receipt> receipts = new ArrayList<>(reads.size());
            for (SealedRead read : reads) {
                boolean isNew = stored.contains(read.id());
                receipts.add(new Receipt(read.gatewayReadId(),
                        isNew ? read.id() : earlierIds.get(read.gatewayReadId()),
                        isNew ? Status.STORED : Status.DUPLICATE));
            }
            return new IngestResult(stored.size(), reads.size() - stored.size(), receipts);
        });
    }
}
