package city.alpr.query.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.access.Gate.Caller;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Logs the alerts handed to a person, one record per purpose and case of their entries (R29); the alerts are handed
 * out only once it commits. A subscription's alerts are logged in batches, so a burst of hits takes the log's chain
 * lock once per subscriber and batch, not once per alert.
 */
@ApplicationScoped
public class DeliveryLog {

    /** A hotlist alert handed to a person, under the purpose and case of the entry that raised it. */
    public record Delivery(UUID alertId, String purpose, String caseNumber) {
    }

    private record ServedCase(String purpose, String caseNumber) {
    }

    private final Pool pool;
    private final AuditLog audit;

    DeliveryLog(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
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

    /** As {@link #log(SqlClient, Caller, List, String)}, in a transaction of its own. */
    public Uni<Void> log(Caller caller, List<Delivery> deliveries, String via) {
        return pool.withTransaction(connection -> log(connection, caller, deliveries, via));
    }
}
