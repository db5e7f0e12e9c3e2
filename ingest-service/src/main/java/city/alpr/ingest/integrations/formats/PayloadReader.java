package city.alpr.ingest.integrations.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.reads.ReadSubmission;

/**
 * Reads a vendor's JSON by the vendor's own field paths ({@code data.results[0].plate}) and collects every field it
 * cannot use under that path, so a refusal names the field as the vendor's documentation does. Vendors disagree on
 * types: numbers may arrive as strings (Genetec, Axis) and ids as numbers (OpenALPR's camera_id), so each reader
 * takes both where the meaning is the same.
 */
public final class PayloadReader {

    /** 9999-12-31T23:59:59Z: a time beyond it is no capture time of any camera. */
    private static final long LAST_EPOCH_SECOND = 253_402_300_799L;

    /** A decimal number as vendors write one in a string: short, so parsing it costs nothing. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,15})?");

    private final JsonNode root;
    private final List<Violation> violations = new ArrayList<>();

    public PayloadReader(JsonNode root) {
        this.root = root;
    }

    public JsonNode node(String path) {
        JsonNode node = root.at(pointer(path));
        return node == null ? MissingNode.getInstance() : node;
    }

    public boolean has(String path) {
        JsonNode node = node(path);
        return !node.isMissingNode() && !node.isNull();
    }

    /** A text value; a number is taken as its decimal text (ids). */
    public String text(String path, boolean required) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isEmpty()) {
            return absent(path, required);
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return reject(path, "must be a string");
    }

    /** A number; a string holding a decimal number is taken too. */
    public Double number(String path, boolean required) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return absent(path, required);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual() && DECIMAL.matcher(node.asText().strip()).matches()) {
            return Double.parseDouble(node.asText().strip());
        }
        return reject(path, "must be a number");
    }

    /** A whole number; a string of digits is taken too. */
    public Long integer(String path, boolean required) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return absent(path, required);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.asText().strip().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(node.asText().strip());
        }
        return reject(path, "must be a whole number");
    }

    /** Epoch milliseconds, as a number or a string of digits, between 1970 and the year 9999. */
    public CaptureTime epochMillis(String path, boolean required) {
        Long millis = integer(path, required);
        if (millis == null) {
            return null;
        }
        return millis >= 0 && millis <= LAST_EPOCH_SECOND * 1000 ? CaptureTime.ofEpochMillis(millis)
                : reject(path, "must be epoch milliseconds");
    }

    /** Epoch seconds, as a number or a string of digits, between 1970 and the year 9999. */
    public CaptureTime epochSeconds(String path, boolean required) {
        Long seconds = integer(path, required);
        if (seconds == null) {
            return null;
        }
        return seconds >= 0 && seconds <= LAST_EPOCH_SECOND ? CaptureTime.ofEpochSeconds(seconds)
                : reject(path, "must be epoch seconds");
    }

    /** A time with or without a zone, as text. */
    public CaptureTime time(String path, boolean required) {
        String text = text(path, required);
        if (text == null) {
            return null;
        }
        return CaptureTime.parse(text).orElseGet(() -> reject(path,
                "must be an ISO-8601 date and time such as 2026-11-23T06:15:00Z or 2026-11-23 06:15:00.125"));
    }

    /**
     * An engine's other readings of the plate: the first {@link ReadSubmission#MAX_CANDIDATES} elements of the array
     * (engines list them most confident first), each with its plate upper-cased and its confidence divided by
     * {@code scale} to 0-1; none when the array is absent. Puts the vendor's name of each candidate field into
     * {@code vendorFields}.
     */
    public List<ReadSubmission.Candidate> candidates(String path, String plateKey, String confidenceKey, double scale,
            Map<String, String> vendorFields) {
        List<JsonNode> elements = array(path, false);
        List<ReadSubmission.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < Math.min(elements.size(), ReadSubmission.MAX_CANDIDATES); i++) {
            String at = path + "[" + i + "]";
            String plate = text(at + "." + plateKey, true);
            Double confidence = number(at + "." + confidenceKey, true);
            vendorFields.put("candidates[" + i + "].plate", at + "." + plateKey);
            vendorFields.put("candidates[" + i + "].confidence", at + "." + confidenceKey);
            candidates.add(new ReadSubmission.Candidate(plate == null ? null : plate.toUpperCase(Locale.ROOT),
                    confidence == null ? null : confidence / scale));
        }
        return candidates;
    }

    /** The elements of an array; none when it is absent. */
    public List<JsonNode> array(String path, boolean required) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            absent(path, required);
            return List.of();
        }
        if (!node.isArray()) {
            reject(path, "must be an array");
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    public <T> T reject(String path, String message) {
        violations.add(Violation.of(path, message));
        return null;
    }

    /** The refusal of the payload for this field, beside any other already found. */
    public ProblemException refusal(String path, String message) {
        reject(path, message);
        return ProblemException.invalid(violations);
    }

    /** Refuses the payload, naming every field that could not be used. */
    public void throwIfRejected() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private <T> T absent(String path, boolean required) {
        return required ? reject(path, "is required") : null;
    }

    /** {@code data.results[0].plate} as the JSON pointer {@code /data/results/0/plate}; {@code [0].Id} is {@code /0/Id}. */
    static JsonPointer pointer(String path) {
        StringBuilder pointer = new StringBuilder();
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            String name = bracket < 0 ? step : step.substring(0, bracket);
            if (!name.isEmpty()) {
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
            while (bracket >= 0) {
                int close = step.indexOf(']', bracket);
                pointer.append('/').append(step, bracket + 1, close);
                bracket = step.indexOf('[', close);
            }
        }
        return JsonPointer.compile(pointer.toString());
    }
}
