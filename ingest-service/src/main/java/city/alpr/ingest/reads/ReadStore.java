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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a batch in one transaction with three array-bound statements, whatever the batch size: the
 * idempotency keys first, then only the reads and images whose keys were new (R4). Either the whole batch is
 * stored or nothing is.
 */
@ApplicationScoped
class ReadStore {

    private static final String CLAIM_KEYS = """
            insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at)
            select $1, k.gateway_read_id, k.read_id, k.captured_at
            from unnest($2::text[], $3::uuid[], $4::timestamptz[]) as k (gateway_read_id, read_id, captured_at)
            on conflict do nothing
            returning gateway_read_id""";
    private static final String EARLIER_IDS = """
            select gateway_read_id, read_id from ingest_key
            where gateway_id = $1 and gateway_read_id = any($2::text[])""";
    private static final String INSERT_READS = """
            insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                    plate_index, plate_lookalike_index, sealed_details)
            select r.id, r.captured_at, $1, r.camera_id, $2, r.gateway_read_id, r.plate_index, r.lookalike, r.sealed
            from unnest($3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::bytea[], $8::bytea[], $9::bytea[])
                 as r (id, captured_at, camera_id, gateway_read_id, plate_index, lookalike, sealed)""";
    private static final String INSERT_IMAGES = """
            insert into read_image (read_id, captured_at, kind, media_type, sealed_bytes)
            select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::bytea[])""";

    private final Pool pool;

    ReadStore(Pool pool) {
        this.pool = pool;
    }

    Uni<IngestResult> save(String gatewayId, List<SealedRead> reads, OffsetDateTime receivedAt) {
        return pool.withTransaction(connection -> claimKeys(connection, gatewayId, reads)
                .chain(fresh -> {
                    List<SealedRead> toStore = reads.stream().filter(read -> fresh.contains(read.gatewayReadId()))
                            .toList();
                    return insertReads(connection, gatewayId, toStore, receivedAt)
                            .chain(() -> insertImages(connection, toStore))
                            .chain(() -> receipts(connection, gatewayId, reads, fresh));
                }));
    }

    private Uni<Set<String>> claimKeys(SqlConnection connection, String gatewayId, List<SealedRead> reads) {
        int n = reads.size();
        String[] ids = new String[n];
        UUID[] readIds = new UUID[n];
        OffsetDateTime[] captured = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            SealedRead read = reads.get(i);
            ids[i] = read.gatewayReadId();
            readIds[i] = read.id();
            captured[i] = read.capturedAt();
        }
        return connection.preparedQuery(CLAIM_KEYS)
                .execute(Tuple.tuple().addString(gatewayId).addValue(ids).addValue(readIds).addValue(captured))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getString(0));
                    }
                    return fresh;
                });
    }

    private Uni<Void> insertReads(SqlConnection connection, String gatewayId, List<SealedRead> reads,
            OffsetDateTime receivedAt) {
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = reads.size();
        UUID[] ids = new UUID[n];
        OffsetDateTime[] captured = new OffsetDateTime[n];
        String[] cameras = new String[n];
        String[] gatewayReadIds = new String[n];
        Buffer[] plateIndexes = new Buffer[n];
        Buffer[] lookAlikeIndexes = new Buffer[n];
        Buffer[] sealed = new Buffer[n];
        for (int i = 0; i < n; i++) {
            SealedRead read = reads.get(i);
            ids[i] = read.id();
            captured[i] = read.capturedAt();
            cameras[i] = read.cameraId();
            gatewayReadIds[i] = read.gatewayReadId();
            plateIndexes[i] = Buffer.buffer(read.plateIndex());
            lookAlikeIndexes[i] = Buffer.buffer(read.plateLookAlikeIndex());
            sealed[i] = Buffer.buffer(read.sealedDetails());
        }
        return connection.preparedQuery(INSERT_READS)
                .execute(Tuple.tuple().addValue(receivedAt).addString(gatewayId).addValue(ids).addValue(captured)
                        .addValue(cameras).addValue(gatewayReadIds).addValue(plateIndexes).addValue(lookAlikeIndexes)
                        .addValue(sealed))
                .replaceWithVoid();
    }

    private Uni<Void> insertImages(SqlConnection connection, List<SealedRead> reads) {
        List<UUID> readIds = new ArrayList<>();
        List<OffsetDateTime> captured = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        List<Buffer> sealed = new ArrayList<>();
        for (SealedRead read : reads) {
            for (SealedRead.SealedImage image : read.images()) {
                readIds.add(read.id());
                captured.add(read.capturedAt());
                kinds.add(image.kind());
                mediaTypes.add(image.mediaType());
                sealed.add(Buffer.buffer(image.sealedBytes()));
            }
        }
        if (readIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT_IMAGES)
                .execute(Tuple.tuple().addValue(readIds.toArray(UUID[]::new))
                        .addValue(captured.toArray(OffsetDateTime[]::new)).addValue(kinds.toArray(String[]::new))
                        .addValue(mediaTypes.toArray(String[]::new)).addValue(sealed.toArray(Buffer[]::new)))
                .replaceWithVoid();
    }

    /** Receipts in submission order; a replayed read answers with the id it was first stored under. */
    private Uni<IngestResult> receipts(SqlConnection connection, String gatewayId, List<SealedRead> reads,
            Set<String> fresh) {
        String[] replayed = reads.stream().map(SealedRead::gatewayReadId).filter(id -> !fresh.contains(id))
                .toArray(String[]::new);
        Uni<Map<String, UUID>> earlier = replayed.length == 0 ? Uni.createFrom().item(Map.of())
                : connection.preparedQuery(EARLIER_IDS).execute(Tuple.tuple().addString(gatewayId).addValue(replayed))
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
                boolean stored = fresh.contains(read.gatewayReadId());
                receipts.add(new Receipt(read.gatewayReadId(),
                        stored ? read.id() : earlierIds.get(read.gatewayReadId()),
                        stored ? Status.STORED : Status.DUPLICATE));
            }
            return new IngestResult(fresh.size(), reads.size() - fresh.size(), receipts);
        });
    }
}
