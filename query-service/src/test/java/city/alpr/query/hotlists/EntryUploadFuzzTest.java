package city.alpr.query.hotlists;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * R6, fuzzed: a hotlist upload of any bytes, as CSV or as a JSON array, is taken whole, every entry valid, or refused
 * with a 400 that names what is wrong; no other exception leaves the parsers, so no upload is answered 500. Taken
 * CSV reads back the same when written out again. Coverage-guided by Jazzer: {@code ./mvnw verify} replays the seeds
 * in {@code EntryUploadFuzzTestInputs/} and then fuzzes each target for a few seconds; the README says how to fuzz
 * longer.
 */
class EntryUploadFuzzTest {

    /** A fixed now, so that the seeds' expiry times stay in the future and the fuzzer's findings reproduce. */
    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .clockProvider(() -> Clock.fixed(NOW, ZoneOffset.UTC))
            .buildValidatorFactory().getValidator();
    /** As the service's mapper reads (application.properties: quarkus.jackson.*). */
    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final EntryJson JSON = new EntryJson(MAPPER);

    // no line breaks among the entries: Jazzer writes them unescaped into libFuzzer's dictionary, which then fails
    @FuzzTest
    @DictionaryEntries({ EntryCsv.HEADER, "\"", "\"\"", ",", "2027-01-01T00:00:00Z", "+05:30", "7ABC123",
            "CA", "NCIC", "stolen", "criminal-investigation", "RSO-2026-00412" })
    void r6_anyCsvUploadIsTakenWholeOrRefusedWithA400(byte[] body) {
        List<NewEntry> entries;
        try {
            entries = EntryCsv.parse(new ByteArrayInputStream(body), VALIDATOR);
        } catch (ProblemException refused) {
            assertRefusedAsInvalid(refused);
            return;
        }
        assertTaken(entries);
        String written = EntryCsv.HEADER + "\n" + entries.stream().map(EntryUploadFuzzTest::csvLine)
                .collect(Collectors.joining("\n"));
        if (written.lines().allMatch(line -> line.length() <= EntryCsv.MAX_LINE)) {
            assertEquals(entries, EntryCsv.parse(new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8)),
                    VALIDATOR), "the entries taken, written out as CSV, read back the same");
        }
    }

    @FuzzTest
    @DictionaryEntries({ "[", "]", "{", "}", ",", ":", "null", "\"plate\"", "\"region\"", "\"source\"", "\"reason\"",
            "\"purpose\"", "\"caseNumber\"", "\"expiresAt\"", "\"2027-01-01T00:00:00Z\"", "\"7ABC123\"",
            "\"criminal-investigation\"", "\"RSO-2026-00412\"", "1e999999", "-0", "\"\\u0000\"" })
    void r6_anyJsonUploadIsTakenWholeOrRefusedWithA400(byte[] body) {
        List<NewEntry> entries;
        try {
            entries = JSON.parse(new ByteArrayInputStream(body), VALIDATOR);
        } catch (ProblemException refused) {
            assertRefusedAsInvalid(refused);
            return;
        } catch (JsonProcessingException unreadable) {
            // answered 400 malformed-body by common's ProblemMapper
            assertNotNull(unreadable.getOriginalMessage());
            return;
        }
        assertTaken(entries);
    }

    /**
     * Found by fuzzing: bytes that Jackson takes for UTF-32 (a first byte, then three zeros) but that are not were
     * refused as a body "cut short", which it was not.
     */
    @Test
    void r6_aJsonBodyInNoUnicodeEncodingIsRefusedAsSuchNotAsCutShort() {
        byte[] body = { 0x13, 0, 0, 0, 0, 0, 0, 0, 0, '(', '7', 'A', 'B', 'C', '1', '2', '3', '"', '}' };
        ProblemException refused = assertThrows(ProblemException.class,
                () -> JSON.parse(new ByteArrayInputStream(body), VALIDATOR));
        assertRefusedAsInvalid(refused);
        assertTrue(refused.violations().getFirst().message().startsWith("is not JSON text"));
    }

    private static void assertRefusedAsInvalid(ProblemException refused) {
        // what the parsers refuse is invalid, each thing wrong named; a body held in memory is never cut short
        assertEquals(ProblemType.INVALID_REQUEST, refused.type(), refused.getMessage());
        assertFalse(refused.violations().isEmpty(), "a refusal names what is wrong");
        for (Violation violation : refused.violations()) {
            assertNotNull(violation.field());
            assertNotNull(violation.message());
            assertTrue(violation.index() == null || (violation.index() >= 0 && violation.index() < EntryCsv.MAX_ENTRIES),
                    violation.toString());
        }
    }

    private static void assertTaken(List<NewEntry> entries) {
        assertFalse(entries.isEmpty(), "an upload of no entries is refused");
        assertTrue(entries.size() <= EntryCsv.MAX_ENTRIES);
        for (NewEntry entry : entries) {
            assertNotNull(entry, "an entry that did not read is refused, not taken as null");
            if (!VALIDATOR.validate(entry).isEmpty()) {
                fail("an invalid entry was taken: " + entry + " " + VALIDATOR.validate(entry));
            }
        }
    }

    private static String csvLine(NewEntry entry) {
        return Stream.of(entry.plate(), entry.region(), entry.source(), entry.reason(), entry.purpose(),
                entry.caseNumber(), entry.expiresAt().toString())
                .map(value -> value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(","));
    }
}
