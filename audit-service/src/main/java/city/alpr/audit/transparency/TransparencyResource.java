package city.alpr.audit.transparency;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.AuditConfig;
import city.alpr.audit.chain.CheckpointSigner;
import city.alpr.audit.chain.Checkpoints;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The public transparency page (R26): unauthenticated, no personal data. Its figures are counted in the background
 * every {@code alpr.transparency.refresh}, never because someone asked: a flood of requests is answered from the last
 * count and puts no query on the database. Until the first count is done, requests wait for that one count.
 */
@Path("/v1/public/transparency")
@Tag(name = "Public")
@PermitAll
@ApplicationScoped
public class TransparencyResource {

    static final Duration PERIOD = Duration.ofDays(30);

    private static final String FIGURES = """
            select (select count(*) from camera) as cameras,
                   (select count(*) from camera where active) as active_cameras,
                   (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'site', site, 'active', active) order by id), '[]')
                      from camera) as sites,
                   (select count(*) from plate_read) as reads_held,
                   (select min(day) from data_key where destroyed_at is null) as oldest_day_held,
                   (select coalesce(jsonb_object_agg(purpose, n), '{}')
                      from (select coalesce(purpose, 'none') as purpose, count(*) as n from audit_event
                             where occurred_at >= $1 and action = 'read.search' and outcome = 'granted' group by 1) p)
                       as searches_by_purpose,
                   (select count(*) from audit_event where occurred_at >= $1 and action like 'read.%' and outcome = 'refused')
                       as refused,
                   (select jsonb_build_object('raised', count(*),
                                              'confirmed', count(*) filter (where disposition = 'confirmed'),
                                              'misread', count(*) filter (where disposition = 'misread'),
                                              'dismissed', count(*) filter (where disposition = 'dismissed'),
                                              'pending', count(*) filter (where disposition is null))
                      from hotlist_alert where raised_at >= $1) as hits,
                   (select coalesce(jsonb_agg(jsonb_build_object('agency', a.name, 'shares', s.shares, 'reads', s.reads)
                                              order by a.name), '[]')
                      from (select agency_id, count(*) as shares, sum(read_count) as reads from data_share
                             where shared_at >= $1 group by agency_id) s join agency a on a.id = s.agency_id) as recipients,
                   (select count(*) from evidence_export where created_at >= $1) as exports,
                   (select max(finished_at) from purge_receipt where outcome = 'completed') as last_purge,
                   (select count(*) from breach_incident where notice_posted_at is not null and notice_withdrawn_at is null)
                       as notices""";

    private final Pool pool;
    private final AuditConfig config;
    private final Checkpoints checkpoints;
    private final CheckpointSigner signer;
    private final AtomicReference<TransparencyReport> counted = new AtomicReference<>();
    private final Uni<TransparencyReport> firstCount;

    TransparencyResource(Pool pool, AuditConfig config, Checkpoints checkpoints, CheckpointSigner signer) {
        this.pool = pool;
        this.config = config;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.firstCount = Uni.createFrom().deferred(this::count).invoke(counted::set).memoize().indefinitely();
    }

    @GET
    @Operation(summary = "The policy, the cameras, what is held, and the last 30 days of use, in counts only")
    @APIResponse(responseCode = "200", description = "The transparency page")
    public Uni<TransparencyReport> page() {
        TransparencyReport current = counted.get();
        return current != null ? Uni.createFrom().item(current) : firstCount;
    }

    /** Counts the figures again, in the background; a count that fails leaves the last one up. */
    @Scheduled(every = "${alpr.transparency.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return count().invoke(counted::set).replaceWithVoid()
                .onFailure().invoke(failure -> Log.warnf("the transparency figures were not counted: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<TransparencyReport> count() {
        Instant to = Instant.now();
        Instant from = to.minus(PERIOD);
        return pool.preparedQuery(FIGURES).execute(Tuple.of(from.atOffset(ZoneOffset.UTC)))
                .chain(rows -> checkpoints.newest(pool, 1).map(newest -> report(rows.iterator().next(), from, to,
                        new TransparencyReport.AccessLog(newest.isEmpty() ? null : newest.get(0), signer.verifyingKey(),
                                "Ed25519 (X.509 SubjectPublicKeyInfo, base64)",
                                "UTF-8 lines: alpr-access-log-checkpoint, number=<number>, seq=<seq>, hash=<hash hex>, "
                                        + "signed-at=<signedAt ISO-8601>, each ending in a line feed"))));
    }

    private TransparencyReport report(Row row, Instant from, Instant to, TransparencyReport.AccessLog accessLog) {
        PolicyProfile policy = config.policy();
        List<TransparencyReport.Purpose> purposes = new ArrayList<>();
        policy.purposes()
                .forEach((name, purpose) -> purposes
                        .add(new TransparencyReport.Purpose(name, purpose.description(), purpose.requiresCaseNumber(),
                                purpose.answersAlert())));
        List<TransparencyReport.Site> sites = new ArrayList<>();
        ((JsonArray) row.getValue("sites")).forEach(site -> {
            JsonObject camera = (JsonObject) site;
            sites.add(
                    new TransparencyReport.Site(camera.getString("id"), camera.getString("site"), camera.getBoolean("active")));
        });
        Map<String, Long> searches = new LinkedHashMap<>();
        ((JsonObject) row.getValue("searches_by_purpose"))
                .forEach(entry -> searches.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        JsonObject hits = (JsonObject) row.getValue("hits");
        List<TransparencyReport.Recipient> recipients = new ArrayList<>();
        ((JsonArray) row.getValue("recipients")).forEach(entry -> {
            JsonObject recipient = (JsonObject) entry;
            recipients.add(new TransparencyReport.Recipient(recipient.getString("agency"), recipient.getLong("shares"),
                    recipient.getLong("reads")));
        });
        var lastPurge = row.getOffsetDateTime("last_purge");
        return new TransparencyReport(to, from, to,
                new TransparencyReport.Policy(config.activePolicy(), policy.title(), policy.retentionDays(),
                        policy.officerAccess().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        policy.sharingState(), policy.hotlistEntryMaxDays(), purposes),
                new TransparencyReport.Cameras(row.getLong("cameras"), row.getLong("active_cameras"), sites),
                row.getLong("reads_held"), row.getLocalDate("oldest_day_held"), searches, row.getLong("refused"),
                new TransparencyReport.HotlistHits(hits.getLong("raised"), hits.getLong("confirmed"), hits.getLong("misread"),
                        hits.getLong("dismissed"), hits.getLong("pending")),
                recipients, row.getLong("exports"), lastPurge == null ? null : lastPurge.toInstant(), row.getLong("notices"),
                accessLog);
    }
}
