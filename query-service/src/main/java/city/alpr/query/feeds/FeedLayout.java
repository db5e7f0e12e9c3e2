package city.alpr.query.feeds;

import java.io.IOException;
import java.io.Reader;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** The hotlist file layouts a feed can read; the record type of a CA DOJ file is the file's. */
public enum FeedLayout {
    NCIC("ncic", null, null),
    CLEW_SVS("clew-svs", RecordType.STOLEN_VEHICLE, "SVS"),
    CLEW_SFR("clew-sfr", RecordType.FELONY_VEHICLE, "SFR"),
    CLEW_SLR("clew-slr", RecordType.STOLEN_PLATE, "SLR");

    private final String column;
    private final RecordType fileType;
    private final String list;

    FeedLayout(String column, RecordType fileType, String list) {
        this.column = column;
        this.fileType = fileType;
        this.list = list;
    }

    @JsonValue
    public String column() {
        return column;
    }

    /** The file's entries; {@code imported} selects the record types of an NCIC extract. */
    FeedFile read(Reader reader, Set<RecordType> imported, int maxEntries) throws IOException, MalformedFeedException {
        return fileType == null ? NcicFile.read(reader, imported, maxEntries)
                : ClewFile.read(reader, fileType, list, maxEntries);
    }

    /** Where the entries say they come from. */
    String source() {
        return fileType == null ? "NCIC" : "CA DOJ " + list;
    }
}
