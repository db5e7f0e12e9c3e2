package city.alpr.audit.reviews;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.audit.AuditConfig;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Compliance audit runs (R18, R29; Civil Code 1798.90.53, State Auditor report 2019-118): over a period's accesses
 * to read data, changes to hotlist entries and alerts handed out, a reproducible random sample of granted ones; and
 * flags for the reviewer: a purpose backed by a placeholder case number or no longer in the policy, access outside
 * business hours, more accesses by one user in a day than usual, granted accesses without a case number, and entries
 * added to a custom hotlist without one; and whoever failed to sign in repeatedly on one day. A run for the previous month
 * starts on schedule.
 */
@ApplicationScoped
public class AuditRuns {

    private static final Logger LOG = Logger.getLogger(AuditRuns.class);
    /** Most records one kind of flag lists in a run; the count of the period says if there were more. */
    static final int MOST_ITEMS_PER_FLAG = 1000;
    private static final SecureRandom SEEDS = new SecureRandom();

    private static final String READ_ACCESSES = " from audit_event where occurred_at >= $2 and occurred_at < $3 and action like 'read.%'";
    /** What a run samples: accesses to read data, and the watches on plates and the alerts they raise. */
    private static final String SAMPLED = " from audit_event where occurred_at >= $2 and occurred_at < $3 and "
            + "(action like 'read.%' or action like 'hotlist.entry.%' or action in ('alert.delivered', 'alert.disposition'))";
    private static final String WHO = "action || ' by ' || username || coalesce(' for ' || purpose, '')";

    private static final String START = "insert into audit_run (id, period_from, period_to, sample_size, seed, "
            + "scheduled, started_by, records_examined) select $1, $2, $3, $4, $5, $6, $7, count(*)" + SAMPLED
            + " on conflict (period_from, period_to) where scheduled do nothing";
    private static final String SAMPLE = "insert into audit_run_item (run_id, kind, seq, detail) select $1, 'sample', seq, "
            + WHO + " || coalesce(', case ' || case_number, ', no case number')" + SAMPLED
            + " and outcome = 'granted' order by md5($4::text || seq::text) limit $5";
    private static final String CUSTOM_ENTRY_WITHOUT_CASE = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'custom-entry-without-case', seq, username || ' added ' || coalesce(result_count, 0) "
            + "|| ' entries to custom hotlist ' || coalesce(target, '?') || ' with no case number'"
            + " from audit_event where occurred_at >= $2 and occurred_at < $3 and action = 'hotlist.entry.add'"
            + " and outcome = 'granted' and case_number is null and data_elements ->> 'kind' = 'custom'"
            + " order by seq limit " + MOST_ITEMS_PER_FLAG;
    private static final String NO_CASE_NUMBER = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'no-case-number', seq, " + WHO + " || ', with no case number'" + READ_ACCESSES
            + " and outcome = 'granted' and case_number is null order by seq limit " + MOST_ITEMS_PER_FLAG;
    private static final String VAGUE_PURPOSE = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'vague-purpose', seq, " + WHO + " || case when purpose <> all($5::text[]) "
            + "then ', a purpose the policy does not list' else ', case number ''' || case_number || ''' names no case' end"
            + READ_ACCESSES + " and (case_number ~* ('^(' || $4 || ')$') or purpose <> all($5::text[]))"
            + " order by seq limit " + MOST_ITEMS_PER_FLAG;
    private static final String OFF_HOURS = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'off-hours', seq, " + WHO
            + " || ' at ' || to_char(occurred_at at time zone $4, 'Dy YYYY-MM-DD HH24:MI') "
            + "|| ' ' || $4" + READ_ACCESSES + " and ((occurred_at at time zone $4)::time < $5::time "
            + "or (occurred_at at time zone $4)::time >= $6::time) order by seq limit " + MOST_ITEMS_PER_FLAG;
    private static final String UNUSUAL_VOLUME = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'unusual-volume', min(seq), username || ' made ' || count(*) || ' accesses to read data on ' || day "
            + "from (select seq, username, (occurred_at at time zone $4)::date as day" + READ_ACCESSES + ") accesses "
            + "group by username, day having count(*) > $5 order by min(seq) limit " + MOST_ITEMS_PER_FLAG;

    /** By the time Keycloak saw each failure, not when it was copied into the log (a backlog arrives at once). */
    private static final String REPEATED_SIGN_IN_FAILURES = "insert into audit_run_item (run_id, kind, seq, detail) "
            + "select $1, 'repeated-sign-in-failures', min(seq), username || ' failed to sign in ' || count(*) "
            + "|| ' times on ' || day || ' (' || string_agg(distinct coalesce(reason, 'no reason given'), ', ') || ')' "
            + "from (select seq, username, reason, ((data_elements ->> 'eventTime')::timestamptz at time zone $4)::date as day "
            + "from audit_event where occurred_at >= $2 and action = 'identity.login' and outcome = 'refused' "
            + "and (data_elements ->> 'eventTime')::timestamptz >= $2 and (data_elements ->> 'eventTime')::timestamptz < $3) failures "
            + "group by username, day having count(*) >= $5 order by min(seq) limit " + MOST_ITEMS_PER_FLAG;

    private final Pool pool;
    private final AuditLog audit;
    private final AuditConfig.Reviews reviews;
    private final AuditConfig config;

    AuditRuns(Pool pool, AuditLog audit, AuditConfig config) {
        this.pool = pool;
        this.audit = audit;
        this.reviews = config.reviews();
        this.config = config;
    }

    /** Starts a run in the caller's transaction and returns it with its items. */
    public Uni<Run> start(SqlClient client, Instant from, Instant to, int sampleSize, boolean scheduled, String startedBy) {
        UUID id = UUID.randomUUID();
        long seed = SEEDS.nextLong() & Long.MAX_VALUE;
        Tuple period = Tuple.of(id, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        String[] purposes = config.policy().purposes().keySet().toArray(String[]::new);
        return client.preparedQuery(START)
                .execute(with(period, sampleSize, seed, scheduled, startedBy))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                                "a scheduled run of this period exists"))
                        : Uni.createFrom().voidItem())
                .chain(() -> client.preparedQuery(SAMPLE).execute(with(period, String.valueOf(seed), sampleSize)))
                .chain(() -> client.preparedQuery(NO_CASE_NUMBER).execute(period))
                .chain(() -> client.preparedQuery(CUSTOM_ENTRY_WITHOUT_CASE).execute(period))
                .chain(() -> client.preparedQuery(VAGUE_PURPOSE)
                        .execute(with(period, reviews.placeholderCaseNumbers(), purposes)))
                .chain(() -> client.preparedQuery(OFF_HOURS).execute(with(period, reviews.timeZone().getId(),
                        reviews.businessHoursStart(), reviews.businessHoursEnd())))
                .chain(() -> client.preparedQuery(UNUSUAL_VOLUME).execute(with(period, reviews.timeZone().getId(),
                        reviews.accessesPerDay())))
                .chain(() -> client.preparedQuery(REPEATED_SIGN_IN_FAILURES).execute(with(period,
                        reviews.timeZone().getId(), reviews.signInFailuresPerDay())))
                .chain(() -> load(client, id, true))
                .map(Optional::orElseThrow);
    }

    /** The run for the previous calendar month, once, whichever replica gets there first. */
    @Scheduled(cron = "${alpr.reviews.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return startMonthly(Instant.now()).onFailure().invoke(failure -> LOG.errorf("no scheduled audit run: %s",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Starts the run of the calendar month (in the review time zone) before the one {@code now} falls in. */
    public Uni<Optional<Run>> startMonthly(Instant now) {
        ZonedDateTime monthStart = now.atZone(reviews.timeZone()).withDayOfMonth(1).toLocalDate()
                .atStartOfDay(reviews.timeZone());
        Instant from = monthStart.minusMonths(1).toInstant();
        Instant to = monthStart.toInstant();
        Actor scheduler = new Actor("audit-service", config.policy().custodianAgency(), "scheduler");
        return pool.withTransaction(connection -> start(connection, from, to, reviews.sampleSize(), true, scheduler.username())
                .call(run -> audit.append(connection, AuditRecord.granted("audit.run.start", scheduler, null, null,
                        Map.of("from", from.toString(), "to", to.toString(), "scheduled", true),
                        (int) run.recordsExamined(), run.id().toString(), null))))
                .map(Optional::of)
                .onFailure(ProblemException.class).recoverWithItem(Optional.empty());
    }

    /** A run with its flag counts; with its items and findings if asked. */
    Uni<Optional<Run>> load(SqlClient client, UUID id, boolean detailed) {
        return client.preparedQuery("select " + Run.COLUMNS + " from audit_run r where r.id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<Run> empty());
                    }
                    Row row = rows.iterator().next();
                    return detailed
                            ? items(client, id).chain(items -> findings(client, id)
                                    .map(findings -> Optional.of(Run.from(row, items, findings))))
                            : Uni.createFrom().item(Optional.of(Run.from(row, List.of(), List.of())));
                });
    }

    /** Locks the run against a concurrent sign-off: empty if there is no such run, else whether it is signed off. */
    Uni<Optional<Boolean>> lockSignedOff(SqlClient client, UUID id) {
        return client.preparedQuery("select signed_off_at from audit_run where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getValue("signed_off_at") != null)
                        : Optional.empty());
    }

    /** Whether the access-log record {@code seq} lies in the run's period. */
    Uni<Boolean> inPeriod(SqlClient client, long seq, Run run) {
        return client.preparedQuery("select 1 from audit_event where seq = $1 and occurred_at >= $2 and occurred_at < $3")
                .execute(Tuple.of(seq, run.periodFrom().atOffset(ZoneOffset.UTC), run.periodTo().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().hasNext());
    }

    Uni<Void> recordFinding(SqlClient client, UUID runId, NewFinding finding, String recordedBy) {
        return client.preparedQuery("""
                insert into audit_finding (id, run_id, seq, severity, finding, recorded_by)
                values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(runId).addLong(finding.seq())
                        .addString(finding.severity()).addString(finding.finding()).addString(recordedBy))
                .replaceWithVoid();
    }

    Uni<Void> signOff(SqlClient client, UUID id, String signedOffBy, String conclusion) {
        return client.preparedQuery("""
                update audit_run set signed_off_by = $2, signed_off_at = now(), conclusion = $3
                 where id = $1 and signed_off_at is null""")
                .execute(Tuple.of(id, signedOffBy, conclusion))
                .replaceWithVoid();
    }

    /** The newest runs with their flag counts. */
    Uni<List<Run>> newest(SqlClient client, int limit) {
        return client.preparedQuery("select " + Run.COLUMNS + " from audit_run r order by r.started_at desc limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Run> found = new ArrayList<>();
                    rows.forEach(row -> found.add(Run.from(row, List.of(), List.of())));
                    return found;
                });
    }

    private static Uni<List<Run.Item>> items(SqlClient client, UUID id) {
        return client.preparedQuery("select kind, seq, detail from audit_run_item where run_id = $1 order by kind, seq")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<Run.Item> items = new ArrayList<>();
                    rows.forEach(
                            row -> items.add(new Run.Item(row.getString("kind"), row.getLong("seq"), row.getString("detail"))));
                    return items;
                });
    }

    private static Uni<List<Run.Finding>> findings(SqlClient client, UUID id) {
        return client
                .preparedQuery("select " + Run.Finding.COLUMNS + " from audit_finding where run_id = $1 order by recorded_at")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<Run.Finding> findings = new ArrayList<>();
                    rows.forEach(row -> findings.add(Run.Finding.from(row)));
                    return findings;
                });
    }

    private static Tuple with(Tuple period, Object... more) {
        Tuple values = Tuple.of(period.getValue(0), period.getValue(1), period.getValue(2));
        for (Object value : more) {
            values.addValue(value);
        }
        return values;
    }
}
