package city.alpr.audit.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.chain.Verification.Break;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Verifies the access log (R17) in one consistent snapshot: from where the log's own retention left it (or from
 * the start), every record's hash and link, every checkpoint's signature, numbering and match with the recomputed
 * chain, and that no checkpoint covers records the log no longer has. Hashing runs on worker threads, page by
 * page, never on the event loop.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 10_000;
    private static final String PAGE_QUERY = "select " + CanonicalForm.COLUMNS
            + " from audit_event where seq > $1 order by seq limit $2";

    private final Pool pool;
    private final CheckpointSigner signer;

    ChainVerifier(Pool pool, CheckpointSigner signer) {
        this.pool = pool;
        this.signer = signer;
    }

    /** The whole log as it stands. */
    public Uni<Verification> verify() {
        Instant started = Instant.now();
        return pool.withTransaction(connection -> snapshot(connection)
                .chain(() -> ChainStart.of(connection))
                .chain(start -> {
                    long startsAfter = start.seq();
                    byte[] startHash = start.hash();
                    return connection.query("select " + SignedCheckpoint.COLUMNS + " from audit_checkpoint order by number")
                            .execute()
                            .chain(rows -> {
                                List<SignedCheckpoint> checkpoints = new ArrayList<>();
                                rows.forEach(row -> checkpoints.add(SignedCheckpoint.from(row)));
                                List<Break> checkpointBreaks = new ArrayList<>();
                                Map<Long, SignedCheckpoint> bySeq = new HashMap<>();
                                checkCheckpoints(checkpoints, checkpointBreaks).stream()
                                        .filter(checkpoint -> checkpoint.seq() > startsAfter)
                                        .forEach(checkpoint -> bySeq.put(checkpoint.seq(), checkpoint));
                                ChainWalk walk = new ChainWalk(startsAfter, startHash, bySeq);
                                checkpointBreaks.forEach(walk::report);
                                return walk(connection, walk).map(done -> {
                                    bySeq.values().stream().filter(checkpoint -> checkpoint.seq() > walk.lastSeq())
                                            .sorted((a, b) -> Long.compare(a.number(), b.number()))
                                            .forEach(checkpoint -> walk.report(new Break("truncated", null,
                                                    checkpoint.number(), "checkpoint " + checkpoint.number()
                                                            + " covers records up to " + checkpoint.seq()
                                                            + " but the log ends at " + walk.lastSeq()
                                                            + ": records at its end were removed")));
                                    return new Verification(walk.breaks().isEmpty(), started, startsAfter,
                                            walk.firstSeq(), walk.firstSeq() == null ? null : walk.lastSeq(),
                                            walk.records(), walk.headHex(), walk.checkpointsMatched(),
                                            List.copyOf(walk.breaks()), Duration.between(started, Instant.now()).toMillis());
                                });
                            });
                }));
    }

    /**
     * The records after a checkpoint, checked against their stored hashes and links only: what a new checkpoint may
     * sign. Returns the walk, whose head is the chain hash to sign.
     */
    Uni<ChainWalk> verifySince(long seq, byte[] hash) {
        return pool.withTransaction(connection -> snapshot(connection).chain(() -> {
            ChainWalk walk = new ChainWalk(seq, hash, Map.of());
            return walk(connection, walk).replaceWith(walk);
        }));
    }

    private static Uni<Void> snapshot(SqlConnection connection) {
        return connection.query("set transaction isolation level repeatable read, read only").execute().replaceWithVoid();
    }

    private static Uni<Void> walk(SqlConnection connection, ChainWalk walk) {
        return Multi.createBy().repeating()
                .uni(() -> connection.preparedQuery(PAGE_QUERY).execute(Tuple.of(walk.lastSeq(), PAGE))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .invoke(walk::consume))
                .whilst(page -> page.size() == PAGE)
                .collect().last().replaceWithVoid();
    }

    /**
     * Checkpoints are numbered 1, 2, 3... and each is signed by this deployment's key; reports those that are not,
     * and returns the genuine ones.
     */
    private List<SignedCheckpoint> checkCheckpoints(List<SignedCheckpoint> checkpoints, List<Break> breaks) {
        List<SignedCheckpoint> genuine = new ArrayList<>();
        long expected = 1;
        for (SignedCheckpoint checkpoint : checkpoints) {
            if (checkpoint.number() != expected) {
                breaks.add(new Break("checkpoint-missing", null, expected, checkpoint.number() - expected == 1
                        ? "checkpoint " + expected + " is missing"
                        : "checkpoints " + expected + " to " + (checkpoint.number() - 1) + " are missing"));
            }
            if (!signer.isGenuine(checkpoint.number(), checkpoint.seq(), checkpoint.hash(), checkpoint.signedAt(),
                    checkpoint.keyId(), checkpoint.signature())) {
                breaks.add(new Break("checkpoint-forged", checkpoint.seq(), checkpoint.number(), "checkpoint "
                        + checkpoint.number() + " does not carry a valid signature of this deployment's key"));
            } else {
                genuine.add(checkpoint);
            }
            expected = checkpoint.number() + 1;
        }
        return genuine;
    }
}
