package city.alpr.audit.monitoring;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The figures the operators' alerts watch (the records after the newest checkpoint are read by their numbers, a few
 * since the last signing, never by walking the log's time index), from this service's audit_verification, audit_checkpoint and
 * audit_event, and purge_receipt, which retention-service writes.
 */
@ApplicationScoped
class OperationsStore {

    private static final String FIGURES = """
            with verified as (select intact, verified_at from audit_verification order by id desc limit 1),
                 checkpoint as (select seq from audit_checkpoint order by number desc limit 1),
                 unsigned as materialized (select occurred_at from audit_event
                                            where seq > coalesce((select seq from checkpoint), 0)),
                 purge as (select outcome from purge_receipt order by finished_at desc limit 1)
            select (select intact from verified) as intact, (select verified_at from verified) as verified_at,
                   (select min(occurred_at) from unsigned) as oldest_unsigned,
                   (select max(finished_at) from purge_receipt where outcome = 'completed') as last_completed,
                   (select outcome = 'failed' from purge) as last_failed""";

    Uni<OperationsFigures> figures(SqlClient client) {
        return client.query(FIGURES).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new OperationsFigures(row.getBoolean("intact"), instant(row.getOffsetDateTime("verified_at")),
                    instant(row.getOffsetDateTime("oldest_unsigned")), instant(row.getOffsetDateTime("last_completed")),
                    row.getBoolean("last_failed"));
        });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
