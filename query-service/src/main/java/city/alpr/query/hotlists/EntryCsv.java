package city.alpr.query.hotlists;

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
 * double-quoted. The upload is all or nothing; each violation names the entry's index (0 for the first line after
 * the header) and the column.
 */
final class EntryCsv {

    static final String HEADER = "plate,region,source,reason,caseNumber,owner,expiresAt";
    private static final int COLUMNS = 7;
    static final int MAX_ENTRIES = 10_000;

    private EntryCsv() {
    }

    static List<NewEntry> parse(String body, Validator validator) {
        String[] lines = body.replace("\r\n", "\n").split("\n");
        if (lines.length == 0 || !lines[0].strip().equalsIgnoreCase(HEADER)) {
            throw ProblemException.invalid(List.of(Violation.of("header", "the first line must be " + HEADER)));
        }
        List<NewEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int line = 1; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            int index = entries.size();
            List<String> fields = split(lines[line]);
            if (fields == null || fields.size() != COLUMNS) {
                violations.add(Violation.atItem(index, "line", "line " + (line + 1) + " must have " + COLUMNS
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
                    blankToNull(fields.get(4)), fields.get(5), expiresAt);
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
        } else if (entries.size() > MAX_ENTRIES) {
            violations.add(Violation.of("body", "holds more than " + MAX_ENTRIES + " entries"));
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
}
