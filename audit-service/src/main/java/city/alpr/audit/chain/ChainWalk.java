package city.alpr.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import city.alpr.audit.chain.Verification.Break;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * One pass along the chain, page by page, from a starting point whose hash is trusted. Each record is checked
 * against its own stored hashes, which finds a record edited, removed, inserted or moved in place; independently the
 * chain is recomputed from the start, and where a signed checkpoint covers a record the recomputed hash must be the
 * one signed, which finds a chain rewritten with every hash recomputed. After a break the recomputed chain continues
 * from the stored hash, so each break is reported where it is. Pages arrive in order, one at a time.
 */
final class ChainWalk {

    static final int MAX_BREAKS = 100;

    private final MessageDigest sha256;
    private final Map<Long, SignedCheckpoint> checkpointsBySeq;
    private final List<Break> breaks = new ArrayList<>();
    private long expectedSeq;
    private byte[] storedPrevious;
    private byte[] recomputed;
    private Long firstSeq;
    private long lastSeq;
    private long records;
    private int checkpointsMatched;

    ChainWalk(long startsAfter, byte[] startHash, Map<Long, SignedCheckpoint> checkpointsBySeq) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.checkpointsBySeq = checkpointsBySeq;
        this.expectedSeq = startsAfter + 1;
        this.lastSeq = startsAfter;
        this.storedPrevious = startHash;
        this.recomputed = startHash;
    }

    long lastSeq() {
        return lastSeq;
    }

    void consume(RowSet<Row> page) {
        for (Row row : page) {
            check(row);
        }
    }

    private void check(Row row) {
        long seq = row.getLong("seq");
        byte[] previous = row.getBuffer("prev_hash").getBytes();
        byte[] stored = row.getBuffer("hash").getBytes();
        if (firstSeq == null) {
            firstSeq = seq;
        }
        boolean broken = false;
        if (seq != expectedSeq) {
            report(new Break("missing", seq, null, seq - expectedSeq == 1
                    ? "record " + expectedSeq + " is missing"
                    : "records " + expectedSeq + " to " + (seq - 1) + " are missing"));
            broken = true;
        } else if (!Arrays.equals(previous, storedPrevious)) {
            report(new Break("out-of-sequence", seq, null, "record " + seq + " does not follow record " + (seq - 1)
                    + ": a record before it was inserted, removed or moved"));
            broken = true;
        }
        byte[] canonical = CanonicalForm.of(row);
        if (!Arrays.equals(hash(previous, canonical), stored)) {
            report(new Break("altered", seq, null, "record " + seq + " was altered: its content no longer matches its hash"));
            broken = true;
        }
        recomputed = broken ? stored : hash(recomputed, canonical);
        SignedCheckpoint checkpoint = checkpointsBySeq.get(seq);
        if (checkpoint != null) {
            if (Arrays.equals(checkpoint.hash(), recomputed)) {
                checkpointsMatched++;
            } else {
                report(new Break("checkpoint-mismatch", seq, checkpoint.number(), "checkpoint " + checkpoint.number()
                        + " signed a different chain up to record " + seq
                        + ": records up to it were rewritten and their hashes recomputed"));
                recomputed = stored;
            }
        }
        storedPrevious = stored;
        expectedSeq = seq + 1;
        lastSeq = seq;
        records++;
    }

    private byte[] hash(byte[] previous, byte[] canonical) {
        sha256.update(previous);
        return sha256.digest(canonical);
    }

    void report(Break found) {
        if (breaks.size() < MAX_BREAKS) {
            breaks.add(found);
        }
    }

    Long firstSeq() {
        return firstSeq;
    }

    long records() {
        return records;
    }

    int checkpointsMatched() {
        return checkpointsMatched;
    }

    byte[] head() {
        return recomputed;
    }

    String headHex() {
        return HexFormat.of().formatHex(recomputed);
    }

    List<Break> breaks() {
        return breaks;
    }
}
