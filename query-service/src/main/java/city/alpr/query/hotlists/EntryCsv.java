package city.alpr.query.hotlists;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

/**
 * Hotlist entries uploaded as CSV (R6): a header line {@value #HEADER}, then one entry per line; fields may be
 * double-quoted. Read as a stream: an upload of more than {@value #MAX_ENTRIES} entries, or with a line longer than
 * {@value #MAX_LINE} characters, is refused as soon as that is seen, without reading the rest. The upload is all or
 * nothing; each violation names the entry's index (0 for the first line after the header) and the column.
 */
final class EntryCsv {

    static final String HEADER = "plate,region,source,reason,purpose,caseNumber,expiresAt";
    private static final int COLUMNS = 7;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_LINE = 2_000;

    private EntryCsv() {
    }

    static List<NewEntry> parse(InputStream body, Validator validator) {
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            return parse(new Lines(reader), validator);
        } catch (IOException e) {
            throw ProblemException.bodyCutShort();
        }
    }

    private static List<NewEntry> parse(Lines lines, Validator validator) throws IOException {
        String header = lines.next();
        if (header == null || !header.strip().equalsIgnoreCase(HEADER)) {
            throw ProblemException.invalid(List.of(Violation.of("header", "the first line must be " + HEADER)));
        }
        List<NewEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            int index = entries.size();
            if (index == MAX_ENTRIES) {
                throw ProblemException.invalid(List.of(Violation.of("body", "holds more than " + MAX_ENTRIES
                        + " entries; nothing was stored")));
            }
            List<String> fields = split(line);
            if (fields == null || fields.size() != COLUMNS) {
                violations.add(Violation.atItem(index, "line", "line " + lines.number() + " must have " + COLUMNS
                        + " comma-separated fields, quoted where they contain commas"));
                entries.add(null);
                continue;
            }
            OffsetDateTime expiresAt = null;
            try {
                expiresAt = OffsetDateTime.parse(fields.get(6));
            } catch (DateTimeParseException e) {
                violations.add(Violation.atItem(index, "expiresAt", "must be an RFC 3339 time with offset"));
            }
            NewEntry entry = new NewEntry(fields.get(0), blankToNull(fields.get(1)), fields.get(2), fields.get(3),
                    blankToNull(fields.get(4)), blankToNull(fields.get(5)), expiresAt);
            for (ConstraintViolation<NewEntry> violation : validator.validate(entry)) {
                String field = violation.getPropertyPath().toString();
                if (!(field.equals("expiresAt") && expiresAt == null)) {
                    violations.add(Violation.atItem(index, field, violation.getMessage()));
                }
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            violations.add(Violation.of("body", "holds no entries"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return entries;
    }

    /** Splits one CSV line; null when a quote is left open. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    /** The lines of the body, each at most {@value #MAX_LINE} characters; a longer one ends the upload. */
    private static final class Lines {
        private final Reader reader;
        private int number;
        private boolean ended;

        Lines(Reader reader) {
            this.reader = reader;
        }

        String next() throws IOException {
            if (ended) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            for (int c = reader.read();; c = reader.read()) {
                if (c == -1) {
                    ended = true;
                    number++;
                    return line.isEmpty() ? null : line.toString();
                }
                if (c == '\n') {
                    number++;
                    int last = line.length() - 1;
                    return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
                }
                if (line.length() == MAX_LINE) {
                    throw ProblemException.invalid(List.of(Violation.of("line", "line " + (number + 1)
                            + " is longer than " + MAX_LINE + " characters; nothing was stored")));
                }
                line.append((char) c);
            }
        }

        int number() {
            return number;
        }
    }
}
