package city.alpr.audit.transparency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import io.vertx.mutiny.sqlclient.Pool;

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

    private final Pool pool;
    private final TransparencyStore store;
    private final AuditConfig config;
    private final Checkpoints checkpoints;
    private final CheckpointSigner signer;
    private final PolicyDocument document;
    private final AtomicReference<TransparencyReport> counted = new AtomicReference<>();
    private final Uni<TransparencyReport> firstCount;

    TransparencyResource(Pool pool, TransparencyStore store, AuditConfig config, Checkpoints checkpoints,
            CheckpointSigner signer, PolicyDocument document) {
        this.pool = pool;
        this.store = store;
        this.config = config;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.document = document;
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
        return store.figures(pool, from)
                .chain(figures -> checkpoints.newest(pool, 1).map(newest -> report(figures, from, to,
                        new TransparencyReport.AccessLog(newest.isEmpty() ? null : newest.get(0), signer.verifyingKey(),
                                "Ed25519 (X.509 SubjectPublicKeyInfo, base64)",
                                "UTF-8 lines: alpr-access-log-checkpoint, number=<number>, seq=<seq>, hash=<hash hex>, "
                                        + "signed-at=<signedAt ISO-8601>, each ending in a line feed"))));
    }

    private TransparencyReport report(TransparencyStore.Figures figures, Instant from, Instant to,
            TransparencyReport.AccessLog accessLog) {
        PolicyProfile policy = config.policy();
        List<TransparencyReport.Purpose> purposes = new ArrayList<>();
        policy.purposes()
                .forEach((name, purpose) -> purposes
                        .add(new TransparencyReport.Purpose(name, purpose.description(), purpose.requiresCaseNumber(),
                                purpose.answersAlert(), purpose.requiresSupervisorApproval())));
        return new TransparencyReport(to, from, to,
                new TransparencyReport.Policy(config.activePolicy(), policy.title(), policy.retentionDays(),
                        policy.officerAccess().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        policy.sharingState(), policy.hotlistEntryMaxDays(), purposes,
                        document.text().isPresent() ? "/v1/public/policy" : null, document.elements()),
                figures.cameras(), figures.readsHeld(), figures.oldestDayHeld(), figures.searchesByPurpose(),
                figures.refusedAccesses(), figures.hotlistHits(), figures.sharingRecipients(), figures.evidenceExports(),
                figures.lastPurge(), figures.breachNoticesPosted(), accessLog);
    }
}
