package city.alpr.query.feeds;

/**
 * One line of a feed file as an entry: the plate normalized, its region ({@code US-CA}, {@code CA-ON}, or the code as
 * the file gives it), what the record is, and the file's own description of it.
 */
public record FeedEntry(String plate, String region, RecordType recordType, String reason) {

    /** Two lines naming the same plate, region and record type are one entry. */
    record Key(String plate, String region, RecordType recordType) {
    }

    Key key() {
        return new Key(plate, region, recordType);
    }
}
