package city.alpr.query.hotlists;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kinds of hotlist the Town policy names (000 §4(1)): stolen vehicles, wanted persons, AMBER alerts, custom; and
 * missing persons, whose entries, like wanted and Amber ones, may ask for the reads already held of their plate.
 */
public enum HotlistKind {
    @JsonProperty("stolen-vehicle")
    STOLEN_VEHICLE("stolen-vehicle"),
    @JsonProperty("wanted")
    WANTED("wanted"),
    @JsonProperty("amber")
    AMBER("amber"),
    @JsonProperty("missing-person")
    MISSING_PERSON("missing-person"),
    @JsonProperty("custom")
    CUSTOM("custom");

    /** The start of the names reserved to hotlist feeds: their hotlists' names and their entries' owner. */
    public static final String FEED_PREFIX = "feed:";

    private final String column;

    HotlistKind(String column) {
        this.column = column;
    }

    /** Whether a new entry of this kind may ask for a search of the reads already held of its plate. */
    public boolean searchesPriorReads() {
        return this == WANTED || this == AMBER || this == MISSING_PERSON;
    }

    public String column() {
        return column;
    }

    public static HotlistKind ofColumn(String value) {
        for (HotlistKind kind : values()) {
            if (kind.column.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
