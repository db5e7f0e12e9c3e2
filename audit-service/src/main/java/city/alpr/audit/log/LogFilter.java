package city.alpr.audit.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.plates.PlateText;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

/**
 * Which access-log records a compliance officer asks for (R18): any combination of user, agency, purpose, case,
 * plate queried, action, outcome, service and time; newest first, in pages before a record number.
 */
public class LogFilter {

    private static final Set<String> OUTCOMES = Set.of("granted", "refused");

    @QueryParam("username")
    @Schema(description = "Exactly this user")
    public String username;
    @QueryParam("agency")
    @Schema(description = "Exactly this agency")
    public String agency;
    @QueryParam("purpose")
    @Schema(description = "Exactly this stated purpose")
    public String purpose;
    @QueryParam("caseNumber")
    @Schema(description = "Exactly this case number")
    public String caseNumber;
    @QueryParam("plate")
    @Schema(description = "Accesses that queried this plate, however it was typed")
    public String plate;
    @QueryParam("action")
    @Schema(description = "An action, e.g. read.search; a trailing * matches a prefix (read.*)")
    public String action;
    @QueryParam("outcome")
    @Schema(description = "granted or refused", enumeration = { "granted", "refused" })
    public String outcome;
    @QueryParam("service")
    @Schema(description = "The service that logged it, e.g. query-service")
    public String service;
    @QueryParam("from")
    @Schema(description = "At or after this instant (ISO-8601)")
    public String from;
    @QueryParam("to")
    @Schema(description = "Before this instant (ISO-8601)")
    public String to;

    /** What the filter selects, or a problem naming each bad parameter. */
    LogCriteria criteria() {
        List<Violation> violations = new ArrayList<>();
        String normalizedPlate = null;
        if (plate != null) {
            if (plate.isBlank() || !plate.matches(PlateText.PLATE_FORMAT)) {
                violations.add(Violation.of("plate", PlateText.PLATE_MESSAGE));
            } else {
                normalizedPlate = PlateText.normalize(plate);
            }
        }
        if (action != null && !action.matches("[a-z]+(\\.[a-z-]+)*(\\.\\*|\\*)?")) {
            violations.add(Violation.of("action", "must be an action such as read.search, or a prefix such as read.*"));
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            violations.add(Violation.of("outcome", "must be granted or refused"));
        }
        Instant since = instant("from", from, violations);
        Instant until = instant("to", to, violations);
        if (since != null && until != null && !until.isAfter(since)) {
            violations.add(Violation.of("to", "must be after from"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new LogCriteria(username, agency, purpose, caseNumber, service, normalizedPlate, action, outcome, since,
                until);
    }

    /** The filter as the access log records the search of it. */
    Map<String, Object> asDataElements() {
        Map<String, Object> elements = new LinkedHashMap<>();
        put(elements, "username", username);
        put(elements, "agency", agency);
        put(elements, "purpose", purpose);
        put(elements, "caseNumber", caseNumber);
        put(elements, "plate", plate);
        put(elements, "action", action);
        put(elements, "outcome", outcome);
        put(elements, "service", service);
        put(elements, "from", from);
        put(elements, "to", to);
        return elements;
    }

    private static void put(Map<String, Object> elements, String key, String value) {
        if (value != null) {
            elements.put(key, value);
        }
    }

    private static Instant instant(String field, String text, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }
}
