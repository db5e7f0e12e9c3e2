package city.alpr.query.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.access.Gate.Caller;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Logs the alerts handed to a person, one record per purpose and case of their entries (R29); the alerts are handed
 * out only once it commits. The live streams' deliveries are logged together: every stream of the replica that
 * hands out alerts within {@link #STREAM_WINDOW} has its records appended in one transaction, so one hit seen by a
 * hundred dispatchers takes the log's chain lock, and waits for a commit, once rather than a hundred times in a row.
 */
@ApplicationScoped
public class DeliveryLog {

    /** How long the first of the streams' deliveries waits for others to be logged with it. */
    static final Duration STREAM_WINDOW = Duration.ofMillis(100);

    /** A hotlist alert handed to a person, under the purpose and case of the entry that raised it. */
    public record Delivery(UUID alertId, String purpose, String caseNumber) {
    }

    private record ServedCase(String purpose, String caseNumber) {
    }

    /** A stream's deliveries waiting for the next transaction of the streams' records, and that stream's wait. */
    private record Waiting(Caller caller, List<Delivery> deliveries, CompletableFuture<Void> logged) {
    }

    private final Pool pool;
    private final AuditLog audit;
    private final Vertx vertx;
    private final ConcurrentLinkedQueue<Waiting> streamed = new ConcurrentLinkedQueue<>();
    /** Whether a window of the streams' deliveries is open or its transaction running: one at a time. */
    private final AtomicBoolean windowOpen = new AtomicBoolean();

    DeliveryLog(Pool pool, AuditLog audit, Vertx vertx) {
        this.pool = pool;
        this.audit = audit;
        this.vertx = vertx;
    }

    /**
     * Through the caller's transaction.
     *
     * @param via how they were handed out: {@code stream} or {@code list}
     */
    public Uni<Void> log(SqlClient client, Caller caller, List<Delivery> deliveries, String via) {
        Map<ServedCase, List<Delivery>> byCase = deliveries.stream().collect(Collectors.groupingBy(
                delivery -> new ServedCase(delivery.purpose(), delivery.caseNumber()), LinkedHashMap::new,
                Collectors.toList()));
        Uni<Void> logged = Uni.createFrom().voidItem();
        for (List<Delivery> group : byCase.values()) {
            Delivery first = group.getFirst();
            Map<String, Object> elements = new LinkedHashMap<>();
            elements.put("alertIds", group.stream().map(delivery -> delivery.alertId().toString()).toList());
            elements.put("via", via);
            AuditRecord record = AuditRecord.granted("alert.delivered", caller.actor(), first.purpose(),
                    first.caseNumber(), elements, group.size(),
                    group.size() == 1 ? first.alertId().toString() : null, caller.address());
            logged = logged.chain(() -> audit.append(client, record));
        }
        return logged;
    }

    /**
     * Deliveries to a live stream, logged with those of the other streams in the next transaction of the streams'
     * records; completes when it commits. Each stream's records stay its own (the caller given, one per purpose and
     * case), whatever else shares the transaction. One such transaction runs at a time, so the streams hold at most
     * one connection however slow the log is, and their alerts are handed out in the order they came.
     */
    public Uni<Void> logStreamed(Caller caller, List<Delivery> deliveries) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> logged = new CompletableFuture<>();
            streamed.add(new Waiting(caller, deliveries, logged));
            openWindow();
            return Uni.createFrom().completionStage(logged);
        });
    }

    private void openWindow() {
        if (windowOpen.compareAndSet(false, true)) {
            vertx.setTimer(STREAM_WINDOW.toMillis(), timer -> flushStreamed());
        }
    }

    /** The window's transaction is done: deliveries that came meanwhile, or the next one, open the next. */
    private void closeWindow() {
        windowOpen.set(false);
        if (!streamed.isEmpty()) {
            openWindow();
        }
    }

    private void flushStreamed() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting waiting = streamed.poll(); waiting != null; waiting = streamed.poll()) {
            batch.add(waiting);
        }
        if (batch.isEmpty()) {
            closeWindow();
            return;
        }
        // one stream may have handed out several lists since the last transaction: still one record per case
        Map<Caller, List<Delivery>> byStream = new IdentityHashMap<>();
        for (Waiting waiting : batch) {
            byStream.computeIfAbsent(waiting.caller(), caller -> new ArrayList<>()).addAll(waiting.deliveries());
        }
        pool.withTransaction(connection -> {
            Uni<Void> logged = Uni.createFrom().voidItem();
            for (var stream : byStream.entrySet()) {
                logged = logged.chain(() -> log(connection, stream.getKey(), stream.getValue(), "stream"));
            }
            return logged;
        }).subscribe().with(committed -> {
            batch.forEach(waiting -> waiting.logged().complete(null));
            closeWindow();
        }, failed -> {
            batch.forEach(waiting -> waiting.logged().completeExceptionally(failed));
            closeWindow();
        });
    }
}
