package city.alpr.query.hotlists;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

/**
 * Hotlist entries sent as a JSON array (R6), read as a stream, one entry at a time, under the limits of a CSV upload:
 * an array of more than {@value EntryCsv#MAX_ENTRIES} entries, or with a string longer than
 * {@value EntryCsv#MAX_LINE} characters, is refused as soon as that is seen, without reading the rest, so a body of
 * millions of empty entries never stands in memory. All or nothing; each violation names the entry's index.
 */
final class EntryJson {

    private final JsonFactory factory;
    private final ObjectReader reader;

    EntryJson(ObjectMapper mapper) {
        this.factory = mapper.getFactory().copy().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(EntryCsv.MAX_LINE).maxNameLength(EntryCsv.MAX_LINE).maxNestingDepth(8).build());
        this.reader = mapper.readerFor(NewEntry.class);
    }

    /** @throws JsonProcessingException unreadable JSON, answered as a problem naming where */
    List<NewEntry> parse(InputStream body, Validator validator) throws JsonProcessingException {
        try (JsonParser parser = factory.createParser(body)) {
            return parse(parser, validator);
        } catch (StreamConstraintsException e) {
            throw beyondTheLimits();
        } catch (JsonProcessingException e) {
            throw e;
        } catch (CharConversionException e) {
            // bytes that look like UTF-32 but are not: the body arrived whole, so it is not cut short
            throw ProblemException.invalid(List.of(Violation.of("body", "is not JSON text in UTF-8, UTF-16 or UTF-32; "
                    + "nothing was stored")));
        } catch (IOException e) {
            throw ProblemException.bodyCutShort();
        }
    }

    private static ProblemException beyondTheLimits() {
        return ProblemException.invalid(List.of(Violation.of("body", "holds a value longer than " + EntryCsv.MAX_LINE
                + " characters or nested too deep; nothing was stored")));
    }

    private List<NewEntry> parse(JsonParser parser, Validator validator) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw ProblemException.invalid(List.of(Violation.of("body", "must be a JSON array of entries")));
        }
        List<NewEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = entries.size();
            if (index == EntryCsv.MAX_ENTRIES) {
                throw ProblemException.invalid(List.of(Violation.of("body", "holds more than "
                        + EntryCsv.MAX_ENTRIES + " entries; nothing was stored")));
            }
            if (token != JsonToken.START_OBJECT) {
                violations.add(Violation.atItem(index, "body", "must be an entry object"));
                parser.skipChildren();
                entries.add(null);
                continue;
            }
            NewEntry entry;
            try {
                entry = reader.readValue(parser);
            } catch (JsonMappingException e) {
                if (e.getCause() instanceof StreamConstraintsException) {
                    throw beyondTheLimits();
                }
                throw JsonMappingException.wrapWithPath(e, entries, index);
            }
            for (ConstraintViolation<NewEntry> violation : validator.validate(entry)) {
                violations.add(Violation.atItem(index, violation.getPropertyPath().toString(), violation.getMessage()));
            }
            entries.add(entry);
        }
        if (parser.nextToken() != null) {
            throw ProblemException.invalid(List.of(Violation.of("body", "holds more than one JSON value")));
        }
        if (entries.isEmpty()) {
            violations.add(Violation.of("body", "holds no entries"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return entries;
    }
}
