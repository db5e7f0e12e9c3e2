package city.alpr.audit.chain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Extends the signed checkpoints of the access log: verifies the records since the last checkpoint and, only if
 * they are intact, signs the new head. Runs on a schedule and on a compliance officer's request; replicas racing
 * for the same number leave one checkpoint.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final Pool pool;
    private final ChainVerifier verifier;
    private final CheckpointSigner signer;

    Checkpoints(Pool pool, ChainVerifier verifier, CheckpointSigner signer) {
        this.pool = pool;
        this.verifier = verifier;
        this.signer = signer;
    }

    @Scheduled(every = "${alpr.checkpoints.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return extend()
                .invoke(signed -> signed.ifPresent(checkpoint -> LOG.infof("signed access-log checkpoint %d at record %d",
                        checkpoint.number(), checkpoint.seq())))
                .onFailure().invoke(failure -> LOG.errorf("no access-log checkpoint signed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Signs a checkpoint at the current head, unless nothing was appended since the last one. Fails with a
     * conflict if the records since the last checkpoint are not intact: a broken chain is never signed.
     */
    public Uni<Optional<Checkpoint>> extend() {
        return latest(pool).chain(last -> {
            long number = last.map(SignedCheckpoint::number).orElse(0L) + 1;
            Uni<ChainStart> start = last.isPresent()
                    ? Uni.createFrom().item(new ChainStart(last.get().seq(), last.get().hash()))
                    : ChainStart.of(pool);
            return start.chain(from -> verifier.verifySince(from.seq(), from.hash()).chain(walk -> {
                long fromSeq = from.seq();
                if (!walk.breaks().isEmpty()) {
                    return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "the access log after record "
                            + fromSeq + " is not intact (" + walk.breaks().get(0).detail()
                            + "); no checkpoint is signed over a broken chain"));
                }
                if (walk.lastSeq() == fromSeq) {
                    return Uni.createFrom().item(Optional.<Checkpoint> empty());
                }
                Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                byte[] signature = signer.sign(number, walk.lastSeq(), walk.head(), signedAt);
                return pool.preparedQuery("""
                        insert into audit_checkpoint (number, seq, hash, signed_at, key_id, signature)
                        values ($1, $2, $3, $4, $5, $6) on conflict (number) do nothing""")
                        .execute(Tuple.of(number, walk.lastSeq(), Buffer.buffer(walk.head()),
                                signedAt.atOffset(ZoneOffset.UTC), signer.keyId(),
                                Buffer.buffer(signature)))
                        .map(inserted -> inserted.rowCount() == 1
                                ? Optional.of(Checkpoint.of(new SignedCheckpoint(number, walk.lastSeq(), walk.head(),
                                        signedAt, signer.keyId(), signature)))
                                : Optional.<Checkpoint> empty());
            }));
        });
    }

    /** The newest checkpoints, newest first. */
    public Uni<List<Checkpoint>> newest(SqlClient client, int limit) {
        return client
                .preparedQuery("select " + SignedCheckpoint.COLUMNS + " from audit_checkpoint order by number desc limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Checkpoint> checkpoints = new ArrayList<>();
                    for (Row row : rows) {
                        checkpoints.add(Checkpoint.of(SignedCheckpoint.from(row)));
                    }
                    return checkpoints;
                });
    }

    private static Uni<Optional<SignedCheckpoint>> latest(SqlClient client) {
        return client.query("select " + SignedCheckpoint.COLUMNS + " from audit_checkpoint order by number desc limit 1")
                .execute()
                .map(rows -> rows.iterator().hasNext() ? Optional.of(SignedCheckpoint.from(rows.iterator().next()))
                        : Optional.empty());
    }
}
