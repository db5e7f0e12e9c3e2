package city.alpr.retention.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.retention.RetentionConfig;
import city.alpr.retention.purge.PurgeReceipt.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;

/**
 * The retention purge (R19, R20). One run, whenever it happens and however many days were missed:
 * <ol>
 * <li>takes the purge lock, so a second run at the same time waits and then finds nothing left to do;</li>
 * <li>purges every expired capture day still held, oldest first, each in one transaction of the owner's
 * {@code purge_day}: the day's partitions are counted and detached, its data key is destroyed, and the evidence
 * packages holding one of its reads are cleared; then {@code drop_detached_partitions} drops the detached partitions
 * in a transaction of their own, whose commit unlinks the day's files without the tables' locks. The database itself
 * refuses a day younger than its retention minimum, and a clock ahead of its own unless it is a rehearsal
 * database;</li>
 * <li>clears evidence packages whose download window has closed;</li>
 * <li>creates the partitions of the coming days;</li>
 * <li>checks in the tables themselves that nothing from before the cutoff remains;</li>
 * <li>writes its receipt and an access-log record of it in one transaction.</li>
 * </ol>
 * A day that cannot be purged stops the purge but not the check or the receipt: the run then fails, and says where.
 */
@ApplicationScoped
public class Purge {

    /** Deadlock, and a lock not obtained within {@code lock_timeout}: both worth another try a moment later. */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40P01", "55P03");
    private static final int DAY_ATTEMPTS = 3;
    /** Evidence packages cleared: their download window closed, or a capture day of their reads was purged. */
    private static final String EXPORT_PACKAGES = "evidence_export_package";
    private final Pool pool;
    private final PurgeStore store;
    private final AuditLog auditLog;
    private final RetentionConfig config;

    Purge(Pool pool, PurgeStore store, AuditLog auditLog, RetentionConfig config) {
        this.pool = pool;
        this.store = store;
        this.auditLog = auditLog;
        this.config = config;
    }

    /** Purges as of now, or as of {@code alpr.retention.as-of} when it is set. */
    public Uni<PurgeReceipt> run() {
        return run(config.retention().asOf().orElseGet(Instant::now));
    }

    /** Purges everything that has outlived retention at {@code asOf}. */
    public Uni<PurgeReceipt> run(Instant asOf) {
        RetentionPeriod period = new RetentionPeriod(config.policy().retentionDays(), config.retention().minimumDays());
        Run run = new Run(Instant.now(), asOf, period.retentionDays(), period.cutoff(asOf));
        Optional<String> refusal = period.refusal();
        if (refusal.isPresent()) {
            run.fail(refusal.get());
            return record(run);
        }
        return pool.withConnection(connection -> lock(connection).onItemOrFailure().transformToUni((locked, failure) -> {
            if (failure != null) {
                run.fail(failure.getMessage());
                return record(run);
            }
            return purgeAndCheck(connection, run, period.firstRetainedDay(asOf))
                    .onFailure().recoverWithUni(unexpected -> {
                        run.fail(unexpected.getMessage());
                        return Uni.createFrom().voidItem();
                    })
                    .chain(() -> record(run));
        }).eventually(() -> store.unlock(connection)));
    }

    private Uni<Void> purgeAndCheck(SqlConnection connection, Run run, LocalDate firstRetainedDay) {
        return store.expiredDays(connection, firstRetainedDay)
                .chain(days -> purgeDays(connection, run, days))
                .chain(() -> clearExpiredPackages(connection, run))
                .chain(() -> createComingPartitions(connection, run.asOf))
                .chain(() -> checkLeftovers(connection, run));
    }

    private Uni<Void> lock(SqlConnection connection) {
        return store.lock(connection, config.retention().lockWait(), config.retention().tableLockWait())
                .onFailure(Purge::isLockConflict).transform(timeout -> new IllegalStateException(
                        "another purge held the lock for longer than " + config.retention().lockWait()));
    }

    /** Purges the days oldest first; a day that cannot be purged stops the purge, and the run goes on to its check. */
    private Uni<Void> purgeDays(SqlConnection connection, Run run, List<LocalDate> days) {
        return Multi.createFrom().iterable(days)
                .onItem().transformToUniAndConcatenate(day -> store.purgeDay(connection, day, run.asOf,
                        config.retention().parentLockWait(), config.retention().parentLockAttempts())
                        .onFailure(Purge::isLockConflict).retry().withBackOff(Duration.ofSeconds(1)).atMost(DAY_ATTEMPTS - 1)
                        .call(result -> store.dropDetachedPartitions(connection, day, run.asOf)
                                .onFailure(Purge::isLockConflict).retry().withBackOff(Duration.ofSeconds(1))
                                .atMost(DAY_ATTEMPTS - 1))
                        .onFailure().transform(failure -> new IllegalStateException(
                                "purging " + day + " failed: " + failure.getMessage(), failure))
                        .invoke(result -> run.purged(day, result)))
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    run.fail(failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> clearExpiredPackages(SqlConnection connection, Run run) {
        return store.clearExpiredPackages(connection, run.asOf)
                .invoke(cleared -> run.counts.merge(EXPORT_PACKAGES, cleared, Long::sum))
                .replaceWithVoid();
    }

    private Uni<Void> createComingPartitions(SqlConnection connection, Instant asOf) {
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        return store.ensurePartitions(connection, today, today.plusDays(config.retention().partitionsAheadDays()))
                .invoke(created -> {
                    if (created > 0) {
                        Log.infof("created %d daily partitions up to %s", created,
                                today.plusDays(config.retention().partitionsAheadDays()));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> checkLeftovers(SqlConnection connection, Run run) {
        return store.leftovers(connection, run.cutoff, run.asOf).invoke(run::checked).replaceWithVoid();
    }

    /** Writes the receipt and its access-log record together, and returns the receipt. */
    private Uni<PurgeReceipt> record(Run run) {
        PurgeReceipt receipt = run.receipt(Instant.now());
        return pool.withTransaction(transaction -> store.recordReceipt(transaction, receipt)
                .chain(() -> auditLog.append(transaction, auditRecord(receipt))))
                .replaceWith(receipt)
                .invoke(() -> {
                    if (receipt.completed()) {
                        Log.info(receipt.summary());
                    } else {
                        Log.error(receipt.summary());
                    }
                });
    }

    private AuditRecord auditRecord(PurgeReceipt receipt) {
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("outcome", receipt.outcome().name().toLowerCase());
        elements.put("asOf", receipt.asOf().toString());
        elements.put("cutoff", receipt.cutoff().toString());
        elements.put("days", new JsonArray(receipt.days().stream().map(LocalDate::toString).toList()));
        elements.put("counts", PurgeStore.json(receipt.counts()));
        elements.put("keysDestroyed", new JsonArray(receipt.keysDestroyed().stream().map(LocalDate::toString).toList()));
        Actor job = new Actor("retention-job", config.policy().custodianAgency(), "retention");
        return new AuditRecord("retention.purge", AuditRecord.Outcome.GRANTED, job, null, null, elements,
                (int) receipt.readsPurged(), receipt.id().toString(), receipt.detail(), null);
    }

    private static boolean isLockConflict(Throwable failure) {
        return failure instanceof PgException pg && LOCK_CONFLICTS.contains(pg.getSqlState());
    }

    /** What a run has done so far; the receipt is made from it whether the run completes or not. */
    private static final class Run {
        final UUID id = UUID.randomUUID();
        final Instant startedAt;
        final Instant asOf;
        final int retentionDays;
        final Instant cutoff;
        final List<LocalDate> days = new ArrayList<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        final List<LocalDate> keysDestroyed = new ArrayList<>();
        Map<String, Long> leftovers;
        final List<String> failures = new ArrayList<>();

        Run(Instant startedAt, Instant asOf, int retentionDays, Instant cutoff) {
            this.startedAt = startedAt;
            this.asOf = asOf;
            this.retentionDays = retentionDays;
            this.cutoff = cutoff;
        }

        void purged(LocalDate day, JsonObject result) {
            days.add(day);
            result.getJsonObject("counts").forEach(count -> counts.merge(count.getKey(),
                    ((Number) count.getValue()).longValue(), Long::sum));
            counts.merge(EXPORT_PACKAGES, result.getLong("packagesCleared"), Long::sum);
            if (result.getBoolean("keyDestroyed")) {
                keysDestroyed.add(day);
            }
        }

        void checked(Map<String, Long> found) {
            leftovers = found;
            String remaining = leftovers.entrySet().stream().filter(count -> count.getValue() > 0)
                    .map(count -> count.getKey() + " " + count.getValue()).collect(Collectors.joining(", "));
            if (!remaining.isEmpty()) {
                fail("still held from before the cutoff: " + remaining);
            }
        }

        void fail(String reason) {
            failures.add(reason);
        }

        PurgeReceipt receipt(Instant finishedAt) {
            return new PurgeReceipt(id, startedAt, finishedAt, asOf, retentionDays, cutoff, List.copyOf(days),
                    counts, List.copyOf(keysDestroyed), leftovers, failures.isEmpty() ? Outcome.COMPLETED : Outcome.FAILED,
                    failures.isEmpty() ? null : String.join("; ", failures));
        }
    }
}
