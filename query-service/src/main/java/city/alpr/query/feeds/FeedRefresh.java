package city.alpr.query.feeds;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.query.QueryConfig;
import city.alpr.query.hotlists.HotlistKind;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;

/**
 * Refreshes the hotlist feeds (R6): each configured feed's file is read again when its refresh interval has passed
 * (by one replica: the feed's row is locked while it is imported), and at once when the custodian asks. A file is
 * imported whole or refused whole: a refused file leaves the entries of the last one in force, and is recorded with
 * the line that does not fit. Every import and refusal is in the access log with its counts; an unchanged file (the
 * same SHA-256 as the last import) found on schedule only moves the feed's check time.
 */
@ApplicationScoped
public class FeedRefresh {

    static final String ACTION = "hotlist.feed.refresh";
    private static final Logger LOG = Logger.getLogger(FeedRefresh.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final AuditLog audit;
    private final FeedStore store;
    private final QueryConfig config;

    FeedRefresh(Pool pool, AuditLog audit, FeedStore store, QueryConfig config) {
        this.pool = pool;
        this.audit = audit;
        this.store = store;
        this.config = config;
    }

    /** What a refresh did. {@code replaced} is null unless the file was imported. */
    record Outcome(String feed, UUID hotlistId, String result, FeedReading reading, FeedStore.Replaced replaced) {

        static final String IMPORTED = "imported";
        static final String UNCHANGED = "unchanged";
        static final String REFUSED = "refused";
        /** Read before another replica (or the custodian) imported a newer file: not imported over it. */
        static final String SUPERSEDED = "superseded";

        int entries() {
            return reading instanceof FeedReading.Parsed parsed && replaced != null ? parsed.file().entries().size() : 0;
        }

        /** What the access log records of it. */
        Map<String, Object> elements(QueryConfig.Feed config) {
            Map<String, Object> elements = new LinkedHashMap<>();
            elements.put("feed", feed);
            elements.put("layout", config.layout().column());
            elements.put("file", config.file());
            elements.put("result", result);
            if (reading.sha256() != null) {
                elements.put("sha256", HexFormat.of().formatHex(reading.sha256()));
            }
            if (reading.modifiedAt() != null) {
                elements.put("fileModifiedAt", reading.modifiedAt().toString());
            }
            switch (reading) {
                case FeedReading.Parsed parsed -> {
                    elements.put("lines", parsed.file().lines());
                    elements.put("entries", parsed.file().entries().size());
                    elements.put("duplicates", parsed.file().duplicates());
                    Map<String, Integer> skipped = new TreeMap<>();
                    parsed.file().skippedByRecordType().forEach((type, n) -> skipped.put(type.column(), n));
                    elements.put("skippedByRecordType", skipped);
                    if (replaced != null) {
                        elements.put("added", replaced.added());
                        elements.put("kept", replaced.kept());
                        elements.put("ended", replaced.ended());
                    }
                }
                case FeedReading.Refused refused -> {
                    elements.put("line", refused.line());
                    elements.put("refusal", refused.reason());
                }
            }
            return elements;
        }
    }

    /** The feed's configuration, if it is a feed of this deployment. */
    Optional<QueryConfig.Feed> feed(String name) {
        return Optional.ofNullable(config.hotlistFeeds().feeds().get(name));
    }

    /**
     * Applies a reading of the feed's file in the caller's transaction, which the caller logs. With {@code always}, an
     * unchanged file is imported again (the custodian asked).
     */
    Uni<Outcome> apply(SqlClient client, String name, FeedReading reading, boolean always) {
        QueryConfig.Feed feed = feed(name).orElseThrow();
        return store.lock(client, name, feed, kind(feed)).chain(hotlistId -> store.kept(client, name)
                .map(Optional::orElseThrow)
                .chain(kept -> switch (reading) {
                    case FeedReading.Refused refused -> store.refused(client, name, refused)
                            .replaceWith(new Outcome(name, hotlistId, Outcome.REFUSED, reading, null));
                    case FeedReading.Parsed parsed when !always && Arrays.equals(parsed.sha256(), kept.fileSha256()) -> store
                            .unchanged(client, name, parsed)
                            .replaceWith(new Outcome(name, hotlistId, Outcome.UNCHANGED, reading, null));
                    case FeedReading.Parsed parsed when kept.fileModifiedAt() != null
                            && parsed.modifiedAt().isBefore(kept.fileModifiedAt().toInstant()) ->
                        store
                                .unchanged(client, name, parsed)
                                .replaceWith(new Outcome(name, hotlistId, Outcome.SUPERSEDED, reading, null));
                    case FeedReading.Parsed parsed -> store
                            .replace(client, name, hotlistId, feed.layout(), parsed.file().entries(), expiry(feed))
                            .call(() -> store.imported(client, name, parsed))
                            .map(replaced -> new Outcome(name, hotlistId, Outcome.IMPORTED, reading, replaced));
                }));
    }

    /**
     * Whether the error is another replica holding the feed for its own refresh, or registering the feed at its first
     * refresh at the same moment.
     */
    static boolean refreshUnderWay(Throwable failure) {
        return failure instanceof PgException pg
                && (LOCK_NOT_AVAILABLE.equals(pg.getSqlState()) || UNIQUE_VIOLATION.equals(pg.getSqlState()));
    }

    @Scheduled(every = "${alpr.hotlist-feeds.check-every}", delayed = "${alpr.hotlist-feeds.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return refreshDue(Instant.now()).replaceWithVoid();
    }

    /** Refreshes, one after the other, the feeds whose last check is older than their refresh interval. */
    public Uni<Integer> refreshDue(Instant now) {
        return Multi.createFrom().iterable(config.hotlistFeeds().feeds().keySet())
                .onItem().transformToUniAndConcatenate(name -> refreshIfDue(name, now)
                        .onFailure().invoke(failure -> LOG.errorf("hotlist feed %s not refreshed: %s", name,
                                failure.getMessage()))
                        .onFailure().recoverWithItem(false))
                .collect().with(Collectors.summingInt(refreshed -> refreshed ? 1 : 0));
    }

    private Uni<Boolean> refreshIfDue(String name, Instant now) {
        QueryConfig.Feed feed = feed(name).orElseThrow();
        Actor scheduler = new Actor("query-service", config.policy().custodianAgency(), "scheduler");
        return store.kept(pool, name).chain(kept -> {
            if (kept.isPresent() && kept.get().checkedAt() != null
                    && kept.get().checkedAt().toInstant().isAfter(now.minus(feed.refreshEvery()))) {
                return Uni.createFrom().item(false);
            }
            return Uni.createFrom().item(() -> FeedReading.of(feed))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(reading -> pool.withTransaction(connection -> apply(connection, name, reading, false)
                            .call(outcome -> outcome.result().equals(Outcome.UNCHANGED) ? Uni.createFrom().voidItem()
                                    : audit.append(connection, AuditRecord.granted(ACTION, scheduler, null, null,
                                            outcome.elements(feed), outcome.entries(), outcome.hotlistId().toString(),
                                            null)))))
                    .invoke(outcome -> LOG.infof("hotlist feed %s: %s", name, outcome.elements(feed)))
                    .replaceWith(true)
                    .onFailure(FeedRefresh::refreshUnderWay).recoverWithItem(false);
        });
    }

    private OffsetDateTime expiry(QueryConfig.Feed feed) {
        Duration bound = Duration.ofDays(config.policy().hotlistEntryMaxDays());
        Duration after = feed.entriesExpireAfter().compareTo(bound) > 0 ? bound : feed.entriesExpireAfter();
        return OffsetDateTime.now(ZoneOffset.UTC).plus(after);
    }

    static HotlistKind kind(QueryConfig.Feed feed) {
        return feed.kind().orElse(switch (feed.layout()) {
            case NCIC, CLEW_SFR -> HotlistKind.WANTED;
            case CLEW_SVS, CLEW_SLR -> HotlistKind.STOLEN_VEHICLE;
        });
    }
}
