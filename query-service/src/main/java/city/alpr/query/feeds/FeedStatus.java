package city.alpr.query.feeds;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.query.QueryConfig;

/** A hotlist feed as the custodian watches it: what it last imported, when, and whether it is stale. */
@Schema(description = "A hotlist feed")
public record FeedStatus(String name, FeedLayout layout, String file,
        @Schema(description = "The hotlist the feed fills; absent until its first refresh") UUID hotlistId,
        @Schema(description = "When the file was last read") OffsetDateTime checkedAt,
        @Schema(description = "When a file was last imported") OffsetDateTime refreshedAt,
        @Schema(description = "The modification time of the file imported last: how fresh the list is") OffsetDateTime fileModifiedAt,
        @Schema(description = "The entries the last import put in force") int entries,
        @Schema(description = "How old the imported file may grow before the feed is stale") Duration staleAfter,
        @Schema(description = "True when no file younger than staleAfter has been imported") boolean stale,
        @Schema(description = "When a file was last refused, if since the last import") OffsetDateTime failedAt,
        @Schema(description = "Why it was refused, naming the line") String failure) {

    /** Every configured feed, by name, with what it last did. */
    static List<FeedStatus> of(QueryConfig.HotlistFeeds feeds, List<FeedStore.Kept> kept, Instant now) {
        return feeds.feeds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(feed -> of(feed.getKey(), feed.getValue(),
                        kept.stream().filter(row -> row.name().equals(feed.getKey())).findFirst().orElse(null), now))
                .toList();
    }

    static FeedStatus of(String name, QueryConfig.Feed feed, FeedStore.Kept kept, Instant now) {
        boolean stale = kept == null || kept.fileModifiedAt() == null
                || kept.fileModifiedAt().toInstant().isBefore(now.minus(feed.staleAfter()));
        return kept == null
                ? new FeedStatus(name, feed.layout(), feed.file(), null, null, null, null, 0, feed.staleAfter(), true,
                        null, null)
                : new FeedStatus(name, feed.layout(), feed.file(), kept.hotlistId(), kept.checkedAt(), kept.refreshedAt(),
                        kept.fileModifiedAt(), kept.entries(), feed.staleAfter(), stale, kept.failedAt(), kept.failure());
    }
}
