package city.alpr.audit.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import city.alpr.localstack.StackDatabase;

/**
 * The access log as tests reach it behind the service's back, as its database superuser: records appended as of a
 * past time (a valid extension of the chain, for audits of past periods), and the intruder's edits that
 * verification must detect, with a snapshot to put the log back afterwards.
 */
public final class LogTable {

    /** Appends one record dated {@code occurredAt}, chained exactly as the database's trigger would chain it. */
    private static final String APPEND_AS_OF = """
            with last as (select seq, hash from audit_event order by seq desc limit 1),
                 draft as (select row(coalesce((select seq from last), 0) + 1, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?,
                                      ?::jsonb, ?::int, ?, ?, ?, coalesce((select hash from last), decode(repeat('00', 32), 'hex')),
                                      null)::audit_event as e)
            insert into audit_event
            select (e).seq, (e).occurred_at, (e).service, (e).action, (e).outcome, (e).username, (e).agency, (e).role,
                   (e).purpose, (e).case_number, (e).data_elements, (e).result_count, (e).target, (e).reason,
                   (e).client_address, (e).prev_hash, sha256((e).prev_hash || audit_event_canonical(e))
              from draft""";

    /** Recomputes every hash from the first record on, as an intruder who knows the algorithm would. */
    private static final String RECHAIN = """
            do $$
            declare
                r    audit_event;
                prev bytea := coalesce((select through_hash from audit_expiry order by id desc limit 1),
                                       decode(repeat('00', 32), 'hex'));
            begin
                for r in select * from audit_event order by seq loop
                    r.prev_hash := prev;
                    r.hash := sha256(prev || audit_event_canonical(r));
                    update audit_event set prev_hash = r.prev_hash, hash = r.hash where seq = r.seq;
                    prev := r.hash;
                end loop;
            end
            $$""";

    private LogTable() {
    }

    /** A read-data access as query-service logs it, dated in the past. Returns its seq. */
    public static long appendAsOf(OffsetDateTime occurredAt, String username, String action, String outcome,
            String purpose, String caseNumber, String dataElementsJson) {
        asIntruder(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(APPEND_AS_OF)) {
                StackDatabase.bind(statement, occurredAt, "query-service", action, outcome, username,
                        "Riverside County Sheriff's Office", "sheriff-officer", purpose, caseNumber, dataElementsJson,
                        "granted".equals(outcome) ? 1 : 0, null, "granted".equals(outcome) ? null : "refused", "10.0.0.7");
                statement.execute();
            }
        });
        return StackDatabase.lastAuditSeq();
    }

    /** Runs SQL as the superuser with triggers off, as someone with the database's keys could. */
    public static void tamper(String... statements) {
        asIntruder(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        });
    }

    /** Tamper, then recompute every hash so that each record matches its own hash and link again. */
    public static void tamperAndRechain(String... statements) {
        tamper(statements);
        tamper(RECHAIN);
    }

    /** Keeps a copy of the log, its checkpoints and its anchors. */
    public static void save() {
        tamper("drop table if exists saved_event", "drop table if exists saved_checkpoint",
                "drop table if exists saved_expiry",
                "create table saved_event as select * from audit_event",
                "create table saved_checkpoint as select * from audit_checkpoint",
                "create table saved_expiry as select * from audit_expiry");
    }

    /** Puts the log back as {@link #save()} found it. */
    public static void restore() {
        tamper("delete from audit_event", "insert into audit_event select * from saved_event",
                "delete from audit_checkpoint", "insert into audit_checkpoint select * from saved_checkpoint",
                "delete from audit_expiry", "insert into audit_expiry overriding system value select * from saved_expiry");
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private static void asIntruder(Work work) {
        try (Connection connection = StackDatabase.superuser()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
            }
            work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
