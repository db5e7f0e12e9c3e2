package city.alpr.audit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.AuditConfig;
import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The compliance report (R18): for each part of the policy, its live evidence read from the database as it is now
 * (the oldest read held and the last purge for retention, the last verification and checkpoint for the log...) and
 * what needs attention.
 */
@Path("/v1/audit/report")
@Tag(name = "Compliance audits")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ReportResource {

    /**
     * A section: its evidence query yields one jsonb {@code evidence} and a text[] {@code attention}; the retention
     * section's takes the retention days as $1, the access log's its retention years.
     */
    private record Section(String id, String title, List<String> requirements, String law, String query) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("retention", "Reads and images are destroyed when the retention period ends",
                    List.of("R19", "R20"), null,
                    """
                            with held as (select min(day) filter (where destroyed_at is null) as oldest_day,
                                                 count(*) filter (where destroyed_at is not null) as destroyed
                                            from data_key),
                                 beyond as (select exists(select 1 from plate_read
                                                           where captured_at < date_trunc('day', now() at time zone 'UTC')
                                                                               at time zone 'UTC' - make_interval(days => $1::int)) as found),
                                 purge as (select * from purge_receipt order by finished_at desc limit 1)
                            select jsonb_build_object(
                                       'retentionDays', $1::int,
                                       'oldestDayHeld', (select oldest_day from held),
                                       'oldestReadHeld', (select min(captured_at) from plate_read
                                                           where captured_at < (select oldest_day from held) + 1),
                                       'readsBeyondRetention', (select found from beyond),
                                       'dayKeysDestroyed', (select destroyed from held),
                                       'lastPurge', (select jsonb_build_object('finishedAt', finished_at, 'outcome', outcome,
                                                            'cutoff', cutoff, 'days', days, 'keysDestroyed', keys_destroyed,
                                                            'counts', counts) from purge)) as evidence,
                                   array_remove(array[
                                       case when (select found from beyond) then 'reads older than the retention period are held' end,
                                       case when (select oldest_day from held) is not null
                                                 and not exists(select 1 from purge where finished_at > now() - interval '2 days'
                                                                                       and outcome = 'completed')
                                            then 'no completed purge in the last two days' end], null) as attention"""),
            new Section("access-log", "Every access is logged, append-only and tamper-evident", List.of("R16", "R17"),
                    "Civil Code 1798.90.52",
                    """
                            with verified as (select * from audit_verification order by id desc limit 1),
                                 checkpoint as (select * from audit_checkpoint order by number desc limit 1),
                                 expiry as (select * from audit_expiry order by id desc limit 1),
                                 head as (select max(seq) as seq from audit_event)
                            select jsonb_build_object(
                                       'lastSeq', (select seq from head),
                                       'retentionYears', $1::int,
                                       'lastVerification', (select jsonb_build_object('verifiedAt', verified_at, 'verifiedBy', verified_by,
                                                                  'intact', intact, 'records', records, 'checkpoints', checkpoints)
                                                              from verified),
                                       'latestCheckpoint', (select jsonb_build_object('number', number, 'seq', seq, 'signedAt', signed_at)
                                                              from checkpoint),
                                       'expiredThrough', (select jsonb_build_object('seq', through_seq, 'occurredAt', through_occurred_at,
                                                                'expiredAt', expired_at) from expiry)) as evidence,
                                   array_remove(array[
                                       case when not exists(select 1 from verified) then 'the log has never been verified'
                                            when not (select intact from verified) then 'the last verification found the log broken'
                                            when (select verified_at from verified) < now() - interval '7 days'
                                            then 'the log has not been verified in seven days' end,
                                       case when (select seq from head) > coalesce((select seq from checkpoint), 0)
                                                 and coalesce((select signed_at from checkpoint), '-infinity') < now() - interval '1 day'
                                            then 'no checkpoint signed in the last day' end], null) as attention"""),
            new Section("purpose", "Every search and view states a purpose, and a case number where needed", List.of("R9"),
                    "Civil Code 1798.90.51(b)", """
                            with accesses as (select purpose, case_number, outcome from audit_event
                                               where occurred_at >= now() - interval '30 days' and action like 'read.%')
                            select jsonb_build_object(
                                       'days', 30,
                                       'grantedByPurpose', (select coalesce(jsonb_object_agg(purpose, n), '{}')
                                                              from (select coalesce(purpose, 'none') as purpose, count(*) as n
                                                                      from accesses where outcome = 'granted' group by 1) p),
                                       'grantedWithoutCaseNumber', (select count(*) from accesses
                                                                     where outcome = 'granted' and case_number is null),
                                       'refused', (select count(*) from accesses where outcome = 'refused')) as evidence,
                                   array[]::text[] as attention"""),
            new Section("training", "Only trained users have access", List.of("R11"), null,
                    """
                            select jsonb_build_object(
                                       'usersWithCurrentTraining', (select count(distinct username) from training_record
                                                                     where completed_at <= now() and expires_at > now()),
                                       'expiringWithin30Days', (select count(distinct username) from training_record t
                                                                 where expires_at > now() and expires_at <= now() + interval '30 days'
                                                                   and not exists(select 1 from training_record later
                                                                                   where later.username = t.username
                                                                                     and later.expires_at > now() + interval '30 days')),
                                       'refusedUntrainedLast30Days', (select count(*) from audit_event
                                                                       where occurred_at >= now() - interval '30 days'
                                                                         and outcome = 'refused' and reason like '%training record%'))
                                       as evidence,
                                   array_remove(array[case when not exists(select 1 from training_record
                                                                            where completed_at <= now() and expires_at > now())
                                                           then 'nobody holds a current training record' end], null) as attention"""),
            new Section("access-control", "Access only by authorized roles, the contractor only inside a written grant",
                    List.of("R8", "R10"), "Civil Code 1798.90.51(b)",
                    """
                            select jsonb_build_object(
                                       'activeContractorGrants', (select count(*) from contractor_grant where revoked_at is null
                                                                    and starts_at <= now() and ends_at > now()),
                                       'pendingLawEnforcementRequests', (select count(*) from law_enforcement_request
                                                                          where decided_at is null),
                                       'approvedRequestsInForce', (select count(*) from law_enforcement_request
                                                                    where approved and expires_at > now()),
                                       'refusedLast30Days', (select count(*) from audit_event
                                                              where occurred_at >= now() - interval '30 days' and outcome = 'refused'))
                                       as evidence,
                                   array_remove(array[case when exists(select 1 from law_enforcement_request
                                                                        where decided_at is null and requested_at < now() - interval '7 days')
                                                           then 'law-enforcement requests waiting more than seven days' end], null)
                                       as attention"""),
            new Section("exports", "Downloads only by sworn personnel, as signed evidence packages", List.of("R12", "R13"),
                    null,
                    """
                            select jsonb_build_object(
                                       'exportsLast30Days', (select count(*) from evidence_export where created_at >= now() - interval '30 days'),
                                       'readsExportedLast30Days', (select coalesce(sum(read_count), 0) from evidence_export
                                                                    where created_at >= now() - interval '30 days'),
                                       'refusedExportsLast30Days', (select count(*) from audit_event
                                                                     where occurred_at >= now() - interval '30 days'
                                                                       and action = 'read.export' and outcome = 'refused')) as evidence,
                                   array[]::text[] as attention"""),
            new Section("sharing", "Sharing only with registered state or local agencies, never sold",
                    List.of("R14", "R15", "R34"), "Civil Code 1798.90.5, 1798.90.55",
                    """
                            select jsonb_build_object(
                                       'activeAgencies', (select count(*) from agency where active),
                                       'recipientsLast30Days', (select coalesce(jsonb_agg(jsonb_build_object('agency', a.name,
                                                                       'shares', s.shares, 'reads', s.reads) order by a.name), '[]')
                                                                  from (select agency_id, count(*) as shares, sum(read_count) as reads
                                                                          from data_share where shared_at >= now() - interval '30 days'
                                                                         group by agency_id) s join agency a on a.id = s.agency_id))
                                       as evidence,
                                   array_remove(array[case when exists(select 1 from data_share s join agency a on a.id = s.agency_id
                                                                        where a.level not in ('local', 'state'))
                                                           then 'data was shared with an agency that is not a state or local agency' end], null)
                                       as attention"""),
            new Section("hotlists", "Hotlist hits are flagged, alerted and given a human disposition", List.of("R6", "R7"),
                    null,
                    """
                            select jsonb_build_object(
                                       'activeEntries', (select count(*) from hotlist_entry where removed_at is null and expires_at > now()),
                                       'alertsLast30Days', (select count(*) from hotlist_alert where raised_at >= now() - interval '30 days'),
                                       'awaitingDispositionOver24Hours', (select count(*) from hotlist_alert
                                                                           where disposition is null
                                                                             and raised_at < now() - interval '24 hours')) as evidence,
                                   array_remove(array[case when exists(select 1 from hotlist_alert where disposition is null
                                                                          and raised_at < now() - interval '24 hours')
                                                           then 'alerts without a disposition for more than a day' end], null)
                                       as attention"""),
            new Section("audits", "The log is audited periodically and findings are recorded", List.of("R18"),
                    "Civil Code 1798.90.53; California State Auditor report 2019-118", """
                            with latest as (select * from audit_run order by started_at desc limit 1)
                            select jsonb_build_object(
                                       'lastRun', (select jsonb_build_object('id', id, 'from', period_from, 'to', period_to,
                                                          'startedAt', started_at, 'signedOffAt', signed_off_at) from latest),
                                       'runsAwaitingSignOff', (select count(*) from audit_run where signed_off_at is null),
                                       'findingsLast365Days', (select coalesce(jsonb_object_agg(severity, n), '{}')
                                                                 from (select severity, count(*) as n from audit_finding
                                                                        where recorded_at >= now() - interval '365 days'
                                                                        group by severity) f)) as evidence,
                                   array_remove(array[
                                       case when not exists(select 1 from latest) then 'no audit has been run'
                                            when (select started_at from latest) < now() - interval '45 days'
                                            then 'no audit run in the last 45 days' end,
                                       case when exists(select 1 from audit_run where signed_off_at is null
                                                           and started_at < now() - interval '30 days')
                                            then 'audit runs unsigned for more than 30 days' end], null) as attention"""),
            new Section("breaches", "Breaches are noticed publicly and notified", List.of("R24"), "Civil Code 1798.82",
                    """
                            with unnotified as (select count(*) as n from breach_incident i
                                                 where (select count(distinct recipient) from breach_notification n
                                                         where n.incident_id = i.id
                                                           and n.recipient in ('media', 'state-office-of-information-security')) < 2),
                                 unnoticed as (select count(*) as n from breach_incident where notice_posted_at is null)
                            select jsonb_build_object(
                                       'incidents', (select count(*) from breach_incident),
                                       'noticesPosted', (select count(*) from breach_incident
                                                          where notice_posted_at is not null and notice_withdrawn_at is null),
                                       'withoutNotice', (select n from unnoticed),
                                       'withoutMediaOrStateNotification', (select n from unnotified)) as evidence,
                                   array_remove(array[
                                       case when (select n from unnoticed) > 0 then 'an incident has no public notice' end,
                                       case when (select n from unnotified) > 0
                                            then 'an incident has not been notified to the media and the Office of Information Security' end],
                                       null) as attention"""));

    private final Gate gate;
    private final AuditConfig config;

    ReportResource(Gate gate, AuditConfig config) {
        this.gate = gate;
        this.config = config;
    }

    @GET
    @Operation(summary = "The compliance report: live evidence for each part of the policy in force")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<ComplianceReport> report() {
        PolicyProfile policy = config.policy();
        return gate.perform(Access.toRecords("audit.report.view", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> Multi.createFrom().iterable(SECTIONS)
                        .onItem().transformToUniAndConcatenate(section -> evidence(connection, section, policy))
                        .collect().asList()
                        .map(sections -> Granted.of(new ComplianceReport(Instant.now(), config.activePolicy(), policy.title(),
                                sections), sections.size())));
    }

    private Uni<ReportSection> evidence(SqlConnection connection, Section section, PolicyProfile policy) {
        Tuple setting = switch (section.id()) {
            case "retention" -> Tuple.of(policy.retentionDays());
            case "access-log" -> Tuple.of(config.log().retentionYears());
            default -> Tuple.tuple();
        };
        return connection.preparedQuery(section.query()).execute(setting).map(rows -> {
            var row = rows.iterator().next();
            List<String> attention = new ArrayList<>(List.of(row.getArrayOfStrings("attention")));
            JsonObject evidence = (JsonObject) row.getValue("evidence");
            return new ReportSection(section.id(), section.title(), section.requirements(),
                    policy.citations().get(section.id()), section.law(), evidence.getMap(), attention);
        });
    }
}
