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
 * reads and images whose keys were new are inserted (R4). One statement is one implicit transaction, so the
 * whole batch is stored or nothing is, and a batch costs a single round trip and a single commit.
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
                                        plate_index, plate_lookalike_index, sealed_details)
                select r.id, r.captured_at, $2, r.camera_id, $1, r.gateway_read_id, r.plate_index, r.lookalike, r.sealed
                from unnest($4::uuid[], $5::timestamptz[], $6::text[], $3::text[], $7::bytea[], $8::bytea[],
                            $9::bytea[]) as r (id, captured_at, camera_id, gateway_read_id, plate_index, lookalike, sealed)
                where r.id in (select read_id from claimed)),
            stored_images as (
                insert into read_image (read_id, captured_at, kind, media_type, sealed_bytes)
                select i.read_id, i.captured_at, i.kind, i.media_type, i.sealed
                from unnest($10::uuid[], $11::timestamptz[], $12::text[], $13::text[], $14::bytea[])
                     as i (read_id, captured_at, kind, media_type, sealed)
                where i.read_id in (select read_id from claimed))
            select read_id from claimed""";
    private static final String EARLIER_IDS = """
            select gateway_read_id, read_id from ingest_key
            where gateway_id = $1 and gateway_read_id = any($2::text[])""";

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
        Buffer[] sealed = new Buffer[n];
        List<UUID> imageReadIds = new ArrayList<>(n);
        List<OffsetDateTime> imageCaptured = new ArrayList<>(n);
        List<String> kinds = new ArrayList<>(n);
        List<String> mediaTypes = new ArrayList<>(n);
        List<Buffer> sealedImages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SealedRead read = reads.get(i);
            gatewayReadIds[i] = read.gatewayReadId();
            ids[i] = read.id();
            captured[i] = read.capturedAt();
            cameras[i] = read.cameraId();
            plateIndexes[i] = Buffer.buffer(read.plateIndex());
            lookAlikeIndexes[i] = Buffer.buffer(read.plateLookAlikeIndex());
            sealed[i] = Buffer.buffer(read.sealedDetails());
            for (SealedRead.SealedImage image : read.images()) {
                imageReadIds.add(read.id());
                imageCaptured.add(read.capturedAt());
                kinds.add(image.kind());
                mediaTypes.add(image.mediaType());
                sealedImages.add(Buffer.buffer(image.sealedBytes()));
            }
        }
        return Tuple.tuple().addString(gatewayId).addValue(receivedAt).addValue(gatewayReadIds).addValue(ids)
                .addValue(captured).addValue(cameras).addValue(plateIndexes).addValue(lookAlikeIndexes)
                .addValue(sealed).addValue(imageReadIds.toArray(UUID[]::new))
                .addValue(imageCaptured.toArray(OffsetDateTime[]::new)).addValue(kinds.toArray(String[]::new))
                .addValue(mediaTypes.toArray(String[]::new)).addValue(sealedImages.toArray(Buffer[]::new));
    }

    /** Receipts in submission order; a replayed read answers with the id it was first stored under. */
    private Uni<IngestResult> receipts(String gatewayId, List<SealedRead> reads, Set<UUID> stored) {
        String[] replayed = reads.stream().filter(read -> !stored.contains(read.id()))
                .map(SealedRead::gatewayReadId).toArray(String[]::new);
        Uni<Map<String, UUID>> earlier = replayed.length == 0 ? Uni.createFrom().item(Map.of())
                : pool.preparedQuery(EARLIER_IDS).execute(Tuple.tuple().addString(gatewayId).addValue(replayed))
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
