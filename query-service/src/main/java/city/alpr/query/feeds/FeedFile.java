package city.alpr.query.feeds;

import java.util.List;
import java.util.Map;

/**
 * A feed file read whole: its entries (one per plate, region and record type), and what was left out and why.
 *
 * @param lines the lines read, header and trailer included
 * @param skippedByRecordType lines of record types the feed does not import, by type
 * @param duplicates lines repeating an entry already read
 */
public record FeedFile(List<FeedEntry> entries, int lines, Map<RecordType, Integer> skippedByRecordType,
        int duplicates) {
}
