package city.alpr.query.feeds;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a feed entry is, by its NCIC record-type code: the first character of an NCIC extract's record id, or for the
 * California DOJ files the file itself (svs stolen vehicles, sfr felony vehicles, slr stolen plates). The names are
 * those the published NCIC parsers use (docs/integrations/hotlist-layouts.md, section 2.2).
 */
public enum RecordType {
    AMBER_ALERT('A', "amber-alert", "Amber Alert"),
    SUPERVISED_RELEASE('C', "supervised-release", "Supervised Release"),
    FELONY_VEHICLE('F', "felony-vehicle", "Felony Vehicle"),
    PROTECTION_ORDER('H', "protection-order", "Protection Order"),
    PROTECTIVE_INTEREST('K', "protective-interest", "Protective Interest"),
    VIOLENT_PERSON('L', "violent-person", "Violent Person"),
    MISSING_PERSON('M', "missing-person", "Missing Person"),
    IMMIGRATION_VIOLATOR('N', "immigration-violator", "Immigration Violator"),
    STOLEN_PLATE('P', "stolen-plate", "Stolen Plate"),
    STOLEN_CANADIAN_VEHICLE('R', "stolen-canadian-vehicle", "Stolen Canadian Vehicle"),
    GANG_OR_TERRORIST_MEMBER('T', "gang-or-terrorist-member", "Gang/Terrorist Member"),
    STOLEN_VEHICLE('V', "stolen-vehicle", "Stolen Vehicle"),
    WANTED_PERSON('W', "wanted-person", "Wanted Person"),
    SEX_OFFENDER('X', "sex-offender", "Sex Offender");

    private final char code;
    private final String column;
    private final String title;

    RecordType(char code, String column, String title) {
        this.code = code;
        this.column = column;
        this.title = title;
    }

    public char code() {
        return code;
    }

    /** The name kept in {@code hotlist_entry.record_type} and shown in the API. */
    @JsonValue
    public String column() {
        return column;
    }

    public String title() {
        return title;
    }

    public static Optional<RecordType> ofCode(char code) {
        for (RecordType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<RecordType> ofColumn(String column) {
        for (RecordType type : values()) {
            if (type.column.equals(column)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
