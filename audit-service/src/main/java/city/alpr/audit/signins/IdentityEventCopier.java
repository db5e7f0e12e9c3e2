package city.alpr.audit.signins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.audit.AuditConfig;
import city.alpr.common.audit.AuditLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Copies Keycloak's sign-in and administrative events into the hash-chained access log (CJIS 5.4.1.1), oldest
 * first, each exactly once, so that the auditor's log search, its CSV and the audit runs cover sign-ins as they
 * cover accesses to read data.
 *
 * <p>
 * Keycloak's events are read rather than pushed by a provider inside Keycloak: the realm's stock image (the
 * operator's) needs nothing built into it, the copy survives either side restarting (Keycloak keeps the events for
 * the realm's {@code eventsExpiration}, 30 days, and this service starts again from the newest it copied), and no
 * code of ours runs with Keycloak's privileges. The price is a delay of up to one poll.
 */
@Startup
@ApplicationScoped
public class IdentityEventCopier {

    private static final Logger LOG = Logger.getLogger(IdentityEventCopier.class);

    private final Pool pool;
    private final AuditLog audit;
    private final KeycloakEvents keycloak;
    private final IdentityEventStore store;
    private final AuditConfig.IdentityEvents config;
    private final AtomicReference<Instant> lastCopy = new AtomicReference<>();

    IdentityEventCopier(Pool pool, AuditLog audit, KeycloakEvents keycloak, IdentityEventStore store,
            AuditConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.audit = audit;
        this.keycloak = keycloak;
        this.store = store;
        this.config = config.identityEvents();
        if (this.config.keycloakUrl().isPresent()) {
            lastCopy.set(Instant.now());
        }
        Gauge.builder("alpr.identity.events.last.copy.timestamp.seconds", lastCopy,
                copied -> copied.get() == null ? Double.NaN : copied.get().getEpochSecond())
                .description("When this replica last read Keycloak's events and copied what was new (at first, when it "
                        + "started); NaN where no Keycloak is configured")
                .register(registry);
    }

    @Scheduled(every = "${alpr.identity-events.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return copyNew().onFailure().invoke(failure -> LOG.warnf("Keycloak's events were not copied: %s",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Copies the events Keycloak holds that are not in the access log yet; how many it copied. */
    public Uni<Integer> copyNew() {
        if (config.keycloakUrl().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return copyNew(IdentityEvent.Kind.USER)
                .chain(users -> copyNew(IdentityEvent.Kind.ADMIN).map(admins -> users + admins))
                .invoke(() -> lastCopy.set(Instant.now()));
    }

    private Uni<Integer> copyNew(IdentityEvent.Kind kind) {
        return pool.withConnection(connection -> store.newestCopied(connection, kind))
                .chain(newest -> keycloak.since(kind, newest == null ? null : newest.minus(config.lookBack()))
                        .chain(events -> {
                            List<IdentityEvent> oldestFirst = new ArrayList<>(events);
                            oldestFirst.sort(Comparator.comparing(IdentityEvent::time).thenComparing(IdentityEvent::id));
                            return Multi.createFrom().iterable(chunks(oldestFirst)).onItem()
                                    .transformToUniAndConcatenate(chunk -> copy(kind, chunk))
                                    .collect().asList()
                                    .map(copied -> copied.stream().mapToInt(Integer::intValue).sum());
                        }));
    }

    /** One transaction per page of events: a failure part-way keeps what was copied before it. */
    private List<List<IdentityEvent>> chunks(List<IdentityEvent> events) {
        List<List<IdentityEvent>> chunks = new ArrayList<>();
        for (int start = 0; start < events.size(); start += config.pageSize()) {
            chunks.add(events.subList(start, Math.min(events.size(), start + config.pageSize())));
        }
        return chunks;
    }

    private Uni<Integer> copy(IdentityEvent.Kind kind, List<IdentityEvent> events) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::actor).collect().asList()
                .chain(actors -> pool.withTransaction(transaction -> {
                    Uni<Integer> copied = Uni.createFrom().item(0);
                    for (int index = 0; index < events.size(); index++) {
                        IdentityEvent event = events.get(index);
                        String actor = actors.get(index);
                        copied = copied.chain(count -> store.markCopied(transaction, event).chain(fresh -> fresh
                                ? audit.append(transaction, event.auditRecord(actor)).replaceWith(count + 1)
                                : Uni.createFrom().item(count)));
                    }
                    IdentityEvent newest = events.getLast();
                    return copied.call(() -> store.forgetBefore(transaction, kind,
                            newest.time().minus(config.rememberCopiedFor())));
                }));
    }

    /**
     * The username the log records: the one Keycloak's event names (a sign-in names the username tried, known or
     * not), else the realm's user of its id, else the id with its realm (an administrator of another realm).
     */
    private Uni<String> actor(IdentityEvent event) {
        if (event.namesItsUser()) {
            return Uni.createFrom().item(event.username());
        }
        if (event.userId() == null) {
            return Uni.createFrom().item(event.clientId() == null ? "unknown" : event.clientId());
        }
        // a user Keycloak cannot name now (another realm's, or the lookup failed) is recorded by id, never skipped
        return keycloak.username(event.userId())
                .onFailure().invoke(failure -> LOG.warnf("user %s not looked up: %s", event.userId(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .map(username -> username != null ? username
                        : event.userId() + "@" + (event.realmId() == null ? "unknown realm" : event.realmId()));
    }
}
