package city.alpr.audit.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.audit.AuditConfig;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The access log's own retention: records older than {@code alpr.log.retention-years} are removed daily, as a
 * prefix of the chain, leaving an anchor where verification starts; the removal is itself logged. The database
 * refuses any cutoff younger than two years, whatever this service is configured to.
 */
@ApplicationScoped
public class LogRetention {

    private static final Logger LOG = Logger.getLogger(LogRetention.class);

    private final Pool pool;
    private final AuditLog audit;
    private final AuditConfig config;

    LogRetention(Pool pool, AuditLog audit, AuditConfig config) {
        this.pool = pool;
        this.audit = audit;
        this.config = config;
    }

    @Scheduled(cron = "${alpr.log.expiry-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return expire(Instant.now())
                .invoke(removed -> LOG.infof("access-log retention removed %d records", removed))
                .onFailure().invoke(failure -> LOG.errorf("access-log retention failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Removes the records older than the retention years before {@code now}; returns how many. */
    public Uni<Long> expire(Instant now) {
        int years = config.log().retentionYears();
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minusYears(years).toInstant();
        Actor service = new Actor("audit-service", config.policy().custodianAgency(), "scheduler");
        return pool.withTransaction(connection -> connection.preparedQuery("select audit_event_expire($1) as removed")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("removed"))
                .call(removed -> audit.append(connection, AuditRecord.granted("audit.log.expire", service, null, null,
                        Map.of("cutoff", cutoff.toString(), "retentionYears", years),
                        (int) Math.min(Integer.MAX_VALUE, removed), null, null))));
    }
}
