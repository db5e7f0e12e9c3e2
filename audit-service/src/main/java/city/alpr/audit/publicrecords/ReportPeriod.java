package city.alpr.audit.publicrecords;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

/** The period a public-records report covers: from an instant, to one before which it ends. */
public class ReportPeriod {

    @QueryParam("from")
    @Schema(description = "At or after this instant (ISO-8601)", required = true, examples = "2026-01-01T00:00:00Z")
    public String from;
    @QueryParam("to")
    @Schema(description = "Before this instant (ISO-8601)", required = true, examples = "2027-01-01T00:00:00Z")
    public String to;

    record Span(Instant from, Instant to) {
    }

    /** The period, or a problem naming each bad parameter. */
    Span span() {
        List<Violation> violations = new ArrayList<>();
        Instant since = instant("from", from, violations);
        Instant until = instant("to", to, violations);
        if (since != null && until != null && !until.isAfter(since)) {
            violations.add(Violation.of("to", "must be after from"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new Span(since, until);
    }

    /** The period as the access log records the report of it. */
    Map<String, Object> asDataElements() {
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("from", from);
        elements.put("to", to);
        return elements;
    }

    private static Instant instant(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(Violation.of(field, "is required: an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
            return null;
        }
    }
}
