package city.alpr.audit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import city.alpr.audit.AuditConfig;

/**
 * Hotlist hits are flagged, alerted and given a human disposition (R6, R7), against lists kept current: each feed of
 * the state's and NCIC's files with the age of the file it last imported.
 */
public record HotlistEvidence(long activeEntries, long alertsLast30Days, long awaitingDispositionOver24Hours,
        Dispositions dispositionsLast30Days, List<Feed> feeds) implements Evidence {

    /** What people decided of the alerts raised in the window; {@code open} awaits a decision. */
    public record Dispositions(long confirmed, long misread, long dismissed, long open) {
    }

    /**
     * A hotlist feed as it last stood.
     *
     * @param fileModifiedAt when the file it imported last was written: how current its entries are
     * @param stale whether that file is older than the feed's window (or none was ever imported)
     * @param failure why its last file was refused, if one was since the last import
     */
    public record Feed(String name, String layout, Instant refreshedAt, Instant fileModifiedAt, long entries,
            boolean stale, String failure) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        List<String> attention = new ArrayList<>();
        if (awaitingDispositionOver24Hours > 0) {
            attention.add("alerts without a disposition for more than " + Spans.span(limits.dispositionOverdue()));
        }
        for (Feed feed : feeds) {
            if (feed.stale()) {
                attention.add("hotlist feed " + feed.name() + " is stale: " + (feed.fileModifiedAt() == null
                        ? "no file was ever imported"
                        : "the file it imported last was written " + feed.fileModifiedAt()));
            }
            if (feed.failure() != null) {
                attention.add("hotlist feed " + feed.name() + " refused its last file: " + feed.failure());
            }
        }
        return attention;
    }
}
