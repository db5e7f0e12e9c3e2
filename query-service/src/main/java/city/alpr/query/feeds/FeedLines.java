package city.alpr.query.feeds;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A refusal names the line, the field and the rule, never the field's value: a hotlist's plates are seen only under
 * a purpose, and a refusal is shown and logged without one.
 *
 * What the layouts share: lines read with a bound on their length (a file without line breaks is refused, not
 * buffered), the fields both put the same way (plates, states, {@code YYYYMMDD} dates), and the entries collected,
 * first line of a plate, region and record type winning.
 */
final class FeedLines {

    static final int MAX_LINE = 512;
    private static final Pattern PLATE = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> US = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI");
    private static final Set<String> CANADA = Set.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC",
            "SK", "YT");

    private final Reader reader;
    private final int maxEntries;
    private final Map<FeedEntry.Key, FeedEntry> entries = new LinkedHashMap<>();
    private final Map<RecordType, Integer> skipped = new EnumMap<>(RecordType.class);
    private int line;
    private int duplicates;

    FeedLines(Reader reader, int maxEntries) {
        this.reader = reader;
        this.maxEntries = maxEntries;
    }

    /** The next line without its ending, or null at the end of the file. */
    String next() throws IOException, MalformedFeedException {
        StringBuilder text = new StringBuilder();
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        line++;
        while (c >= 0 && c != '\n') {
            if (text.length() == MAX_LINE) {
                throw malformed("is longer than " + MAX_LINE + " characters");
            }
            text.append((char) c);
            c = reader.read();
        }
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            text.setLength(end - 1);
        }
        return text.toString();
    }

    MalformedFeedException malformed(String reason) {
        return new MalformedFeedException(line, reason);
    }

    /** A plate as the files write it (spaces and hyphens within), normalized. */
    String plate(String field) throws MalformedFeedException {
        String plate = field.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (plate.isEmpty()) {
            throw malformed("has no plate");
        }
        if (!PLATE.matcher(plate).matches()) {
            throw malformed("the plate is not 1-10 letters and digits");
        }
        return plate;
    }

    /** An NCIC state code as a region: a US state or territory, a Canadian province, else the code as given. */
    String region(String field) throws MalformedFeedException {
        String state = field.strip().replace('0', 'O').toUpperCase(Locale.ROOT);
        if (!STATE.matcher(state).matches()) {
            throw malformed("the state is not a two-letter code");
        }
        return US.contains(state) ? "US-" + state : CANADA.contains(state) ? "CA-" + state : state;
    }

    LocalDate day(String field, String name) throws MalformedFeedException {
        try {
            return LocalDate.parse(field, DAY);
        } catch (DateTimeParseException e) {
            throw malformed("the " + name + " is not a date YYYYMMDD");
        }
    }

    void skip(RecordType type) {
        skipped.merge(type, 1, Integer::sum);
    }

    void add(String plate, String region, RecordType type, String reason) throws MalformedFeedException {
        FeedEntry entry = new FeedEntry(plate, region, type, reason);
        if (entries.putIfAbsent(entry.key(), entry) != null) {
            duplicates++;
        } else if (entries.size() > maxEntries) {
            throw malformed("is beyond the feed's " + maxEntries + " entries");
        }
    }

    FeedFile file() {
        return new FeedFile(List.copyOf(entries.values()), line, Map.copyOf(skipped), duplicates);
    }
}
