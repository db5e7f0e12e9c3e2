package city.alpr.query.feeds;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An NCIC hot file extract: fixed width, one record a line, no header or trailer. The columns (0-based start,
 * length), as the published parsers read them (docs/integrations/hotlist-layouts.md, section 2.1):
 *
 * <pre>
 *  0  1  record type: the NCIC code (V stolen vehicle, P stolen plate, F felony, W wanted, A Amber, M missing...)
 *  0 10  record id (the NIC: the type code and nine more characters)
 * 10  9  ORI of the entering agency
 * 19  8  date of the incident or theft, YYYYMMDD
 * 27 10  plate, left-aligned, padded with spaces (spaces and hyphens within are dropped)
 * 37  2  plate state (a zero read as the letter O: 0H is OH)
 * 39  4  plate year                      \
 * 43  2  plate type (NCIC code: PC, TK...) |
 * 45  4  vehicle year                      |  optional: the line may end after the state
 * 49  4  make (NCIC code: CHEV, YAMA...)   |
 * 53  3  model                             |
 * 56  2  body style (NCIC code: 4D, PK...) |
 * 58  7  colour (NCIC code; two-tone BLK/WHI) /
 * </pre>
 *
 * Example: {@code V123456789LA057020020190509AB123456  CA2009MC2009YAMACYLMCBLK} is a stolen vehicle, plate
 * AB123456 of California. Blank lines are passed over; every other line must fit: a line shorter than its state, an
 * unknown record type, a date that is no date or a plate that is no plate refuses the file. Records of types the
 * feed does not import are counted and left out. Washington's variant (the type at column 2) and the comma-separated
 * variants of Texas and Minnesota are not read.
 */
final class NcicFile {

    private static final int STATE_END = 39;

    private NcicFile() {
    }

    static FeedFile read(Reader reader, Set<RecordType> imported, int maxEntries)
            throws IOException, MalformedFeedException {
        FeedLines lines = new FeedLines(reader, maxEntries);
        for (String text = lines.next(); text != null; text = lines.next()) {
            if (text.isBlank()) {
                continue;
            }
            if (text.length() < STATE_END) {
                throw lines.malformed("is " + text.length() + " characters long; an NCIC record reaches its plate state at "
                        + STATE_END);
            }
            char code = text.charAt(0);
            RecordType type = RecordType.ofCode(code)
                    .orElseThrow(() -> lines.malformed("record type '" + code + "' is not an NCIC record type"));
            String plate = lines.plate(text.substring(27, 37));
            String region = lines.region(text.substring(37, 39));
            String incident = text.substring(19, 27).strip();
            LocalDate day = incident.isEmpty() ? null : lines.day(incident, "incident date");
            if (!imported.contains(type)) {
                lines.skip(type);
                continue;
            }
            lines.add(plate, region, type, reason(text, type, day));
        }
        return lines.file();
    }

    private static String reason(String text, RecordType type, LocalDate day) {
        List<String> parts = new ArrayList<>();
        parts.add(type.title() + " (NCIC " + text.substring(0, 10).strip() + ")");
        String ori = text.substring(10, 19).strip();
        if (!ori.isEmpty()) {
            parts.add("entered by " + ori);
        }
        if (day != null) {
            parts.add("incident " + day);
        }
        String plateDetails = String.join(" ", field(text, 39, 43), field(text, 43, 45)).strip();
        if (!plateDetails.isEmpty()) {
            parts.add("plate " + plateDetails);
        }
        String vehicle = String.join(" ", field(text, 45, 49), field(text, 49, 53), field(text, 53, 56),
                field(text, 56, 58), field(text, 58, 65)).replaceAll(" +", " ").strip();
        if (!vehicle.isEmpty()) {
            parts.add("vehicle " + vehicle);
        }
        return String.join("; ", parts);
    }

    private static String field(String text, int start, int end) {
        return start >= text.length() ? "" : text.substring(start, Math.min(end, text.length())).strip();
    }
}
