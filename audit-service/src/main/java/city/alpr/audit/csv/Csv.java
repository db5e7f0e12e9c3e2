package city.alpr.audit.csv;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as RFC 4180 has it: every field quoted, quotes doubled, lines ending in CRLF; an absent value is empty. */
public final class Csv {

    private Csv() {
    }

    public static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /** A header line: names, unquoted. */
    public static String header(List<String> names) {
        return String.join(",", names) + "\r\n";
    }

    private static String field(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }
}
