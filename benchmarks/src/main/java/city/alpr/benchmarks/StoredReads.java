package city.alpr.benchmarks;

import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import city.alpr.common.crypto.DataKey;

/**
 * Reads as ingest stores them, written by binary COPY as the superuser: an {@code ingest_key} row, a
 * {@code plate_read} row with its 32-byte keyed plate hashes, 7 trigram buckets and ~250-byte sealed details, and a
 * {@code read_image} row with an 8 KiB plate crop sealed (nonce + image + tag). The contents are random bytes.
 */
final class StoredReads {

    static final int IMAGE_BYTES = 8192;
    /**
     * Sealed image = 12-byte nonce + image + 16-byte tag; sealed details measured at about 250 bytes (the read's
     * camera, capture time and site are sealed with it).
     */
    private static final int SEALED_IMAGE_BYTES = IMAGE_BYTES + 28;
    private static final int SEALED_DETAILS_BYTES = 250;
    /** A 7-character plate has 7 trigrams with its start and end marks (see PlateText.trigrams), in 7 buckets. */
    private static final int PLATE_TRIGRAMS = 7;

    private StoredReads() {
    }

    /**
     * The rows of one read per capture time (PostgreSQL microseconds, see {@link BinaryCopy#timestamp}), in one COPY
     * per table. The rows are generated first; returns the nanoseconds the COPYs alone took.
     */
    static long copy(PGConnection pg, SplittableRandom random, long[] capturedAt) throws SQLException {
        BinaryCopy keys = new BinaryCopy();
        BinaryCopy reads = new BinaryCopy();
        BinaryCopy images = new BinaryCopy();
        for (long captured : capturedAt) {
            UUID id = UUID.randomUUID();
            String gatewayReadId = "copy-" + id;
            keys.row(4).text("gateway-east").text(gatewayReadId).uuid(id).timestamp(captured);
            reads.row(10).uuid(id).timestamp(captured).timestamp(captured).text("CAM-E01").text("gateway-east")
                    .text(gatewayReadId).bytes(randomBytes(random, 32)).bytes(randomBytes(random, 32))
                    .smallints(random.ints(PLATE_TRIGRAMS, 0, DataKey.TRIGRAM_BUCKETS).distinct().sorted().toArray())
                    .bytes(randomBytes(random, SEALED_DETAILS_BYTES));
            images.row(5).uuid(id).timestamp(captured).text("plate").text("image/jpeg")
                    .bytes(randomBytes(random, SEALED_IMAGE_BYTES));
        }
        long start = System.nanoTime();
        copyIn(pg, "copy ingest_key (gateway_id, gateway_read_id, read_id, captured_at) from stdin binary", keys);
        copyIn(pg, "copy plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,"
                + " plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details) from stdin binary", reads);
        copyIn(pg, "copy read_image (read_id, captured_at, kind, media_type, sealed_bytes) from stdin binary", images);
        return System.nanoTime() - start;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void copyIn(PGConnection pg, String sql, BinaryCopy rows) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        byte[] bytes = rows.finish();
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }
}
