package city.alpr.query.hotlists;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of hotlist the Town policy names (000 §4(1)): stolen vehicles, wanted persons, AMBER alerts, custom. */
public enum HotlistKind {
    @JsonProperty("stolen-vehicle")
    STOLEN_VEHICLE("stolen-vehicle"),
    @JsonProperty("wanted")
    WANTED("wanted"),
    @JsonProperty("amber")
    AMBER("amber"),
    @JsonProperty("custom")
    CUSTOM("custom");

    private final String column;

    HotlistKind(String column) {
        this.column = column;
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
