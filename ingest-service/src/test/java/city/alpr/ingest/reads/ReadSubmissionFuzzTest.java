package city.alpr.ingest.reads;

import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import city.alpr.common.plates.PlateText;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * R3, fuzzed in-process: any body of {@code POST /v1/reads} either does not bind (a Jackson
 * {@link JsonProcessingException}, which common's ProblemMapper answers 400) or binds to reads that Bean Validation
 * and {@link ReadChecks} judge without an exception, each read either checked or refused by its index and field,
 * never both; an image is accepted only as base64 of a JPEG, PNG or WebP within its limit. Coverage-guided by Jazzer;
 * {@code ./mvnw verify} replays the seeds in {@code ReadSubmissionFuzzTestInputs/} and then fuzzes each target for a
 * few seconds; {@link ReadSubmissionCorpusTest} posts the same seeds to the real endpoint. The README says how to
 * fuzz longer.
 */
class ReadSubmissionFuzzTest {

    /** A fixed now, so that the seeds' capture times stay inside the window and findings reproduce. */
    private static final Instant NOW = Instant.parse("2026-11-23T06:20:00Z");
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final IngestConfig CONFIG = new SmallRyeConfigBuilder().addDefaultSources()
            .withSources(new PropertiesConfigSource(Map.of("alpr.active-policy", "wildomar-cs3",
                    "alpr.crypto.master-key", "not read by the checks"), "the fuzz test", 1000))
            .withMapping(IngestConfig.class, "alpr").withValidateUnknown(false).build()
            .getConfigMapping(IngestConfig.class, "alpr");
    private static final ReadChecks CHECKS = new ReadChecks(CONFIG);
    /** As the service's mapper reads: application.properties' quarkus.jackson.* and {@link SingleReadAsBatch}. */
    private static final ObjectReader BODY;

    static {
        JsonMapper mapper = JsonMapper.builder().findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        new SingleReadAsBatch().customize(mapper);
        BODY = mapper.readerFor(new TypeReference<List<ReadSubmission>>() {
        });
    }

    @FuzzTest
    @DictionaryEntries({ "\"gatewayReadId\"", "\"cameraId\"", "\"capturedAt\"", "\"plate\"", "\"region\"",
            "\"confidence\"", "\"plateImage\"", "\"overviewImage\"", "\"location\"", "\"latitude\"", "\"longitude\"",
            "\"vehicle\"", "\"make\"", "\"color\"", "\"type\"", "\"2026-11-23T06:15:00Z\"", "\"2026-11-23T06:15:00-08:00\"",
            "\"/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==\"", "\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAAAElFTkSuQmCC\"",
            "null", "true", "1e309", "-0.0", "[", "]", "{", "}" })
    void r3_anyReadsBodyIsRefusedAsUnreadableOrJudgedReadByRead(byte[] body) {
        List<ReadSubmission> reads;
        try {
            reads = BODY.readValue(body);
        } catch (JsonProcessingException | CharConversionException unreadable) {
            return; // 400 malformed-body (ProblemMapper)
        } catch (Exception e) {
            throw new AssertionError("a body that does not bind must fail as JSON does, not with " + e, e);
        }
        if (reads == null || reads.isEmpty() || reads.size() > ReadResource.MAX_BATCH || reads.contains(null)
                || reads.stream().anyMatch(read -> !VALIDATOR.validate(read).isEmpty())) {
            return; // 400 from the resource method's constraints
        }
        judge(reads);
    }

    /**
     * Found by fuzzing (the hotlist upload, then this endpoint's corpus): bytes that Jackson takes for UTF-32 but
     * that are not fail with a {@link CharConversionException}, which is no {@link JsonProcessingException}, and were
     * answered 500; ProblemMapper now answers them 400.
     */
    @Test
    void r3_aBodyInNoUnicodeEncodingDoesNotBind() {
        byte[] body = { 0x13, 0, 0, 0, 0, 0, 0, 0, 0, '(', '7', 'A', 'B', 'C', '1', '2', '3', '"', '}' };
        assertThrows(CharConversionException.class, () -> BODY.readValue(body));
        r3_anyReadsBodyIsRefusedAsUnreadableOrJudgedReadByRead(body);
    }

    /**
     * The image checks alone: the first byte says whether the rest is the base64 as a gateway would send it (odd)
     * or raw bytes to be encoded (even).
     */
    @FuzzTest
    // ASCII only, without line breaks: Jazzer writes entries as UTF-8, line breaks unescaped (which libFuzzer refuses);
    // the magic bytes are found through the comparisons the fuzzer instruments
    @DictionaryEntries({ "PNG", "IHDR", "IEND", "RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "=", "==", "/9j/", "iVBORw0KGgo",
            "UklGR" })
    void r3_anImageIsAcceptedOnlyAsBase64OfAJpegOrPngWithinItsLimit(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        String base64 = (input[0] & 1) == 1 ? new String(rest, StandardCharsets.ISO_8859_1)
                : Base64.getEncoder().encodeToString(rest);
        ReadSubmission read = new ReadSubmission("fuzz-1", "CAM-E01", OffsetDateTime.parse("2026-11-23T06:15:00Z"),
                "7ABC123", "CA", 0.9, base64, null, null, null, null);
        List<Violation> violations = new ArrayList<>();
        List<CheckedRead> checked = CHECKS.check(List.of(read), ReadIngestion.Source.NATIVE.missingPlateImage(), NOW,
                violations);

        if (base64.isBlank()) {
            assertEquals(List.of(Violation.atItem(0, "plateImage", "must not be blank")), violations);
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            assertEquals(List.of(Violation.atItem(0, "plateImage", "is not valid base64")), violations);
            return;
        }
        int limit = CONFIG.ingest().maxPlateImageBytes();
        if (decoded.length > limit) {
            assertEquals(1, violations.size());
            assertTrue(violations.getFirst().message().endsWith("at most " + limit + " are accepted"));
            return;
        }
        String expected = jpeg(decoded) ? "image/jpeg" : png(decoded) ? "image/png" : webp(decoded) ? "image/webp" : null;
        if (expected == null) {
            assertEquals(List.of(Violation.atItem(0, "plateImage", "is not a JPEG, PNG or WebP image")), violations);
            assertEquals(List.of(), checked);
            return;
        }
        assertEquals(List.of(), violations);
        CheckedRead.Image image = checked.getFirst().images().getFirst();
        assertEquals(expected, image.mediaType());
        assertArrayEquals(decoded, image.bytes());
    }

    /** Every read is either checked or refused by its index, never both nor neither; nothing throws. */
    private static void judge(List<ReadSubmission> reads) {
        List<Violation> violations = new ArrayList<>();
        List<CheckedRead> checked;
        try {
            checked = CHECKS.check(reads, ReadIngestion.Source.NATIVE.missingPlateImage(), NOW, violations);
        } catch (RuntimeException e) {
            throw new AssertionError("the checks must refuse by field, not throw " + e, e);
        }
        for (int index = 0; index < reads.size(); index++) {
            int at = index;
            boolean refused = violations.stream().anyMatch(violation -> violation.index() == at);
            List<CheckedRead> passed = checked.stream().filter(read -> read.index() == at).toList();
            assertEquals(refused ? 0 : 1, passed.size(), "read " + index + ": refused " + refused + ", checked " + passed);
        }
        assertTrue(violations.stream().allMatch(violation -> violation.index() != null
                && violation.index() >= 0 && violation.index() < reads.size()), violations.toString());
        for (CheckedRead read : checked) {
            assertEquals(ZoneOffset.UTC, read.capturedAt().getOffset());
            assertEquals(read.capturedAt().toLocalDate(), read.day());
            assertFalse(read.capturedAt().toInstant().isAfter(NOW.plus(CONFIG.ingest().maxClockSkew())));
            assertTrue(read.normalizedPlate().length() >= 1 && read.normalizedPlate().length() <= 10);
            assertFalse(read.images().isEmpty(), "a read has its plate image");
            for (CheckedRead.Image image : read.images()) {
                if (!Set.of("image/jpeg", "image/png", "image/webp").contains(image.mediaType())) {
                    fail(image.mediaType());
                }
                assertTrue(image.bytes().length <= CONFIG.ingest().maxOverviewImageBytes());
            }
            // what sealing the read computes from its plate
            PlateText.trigrams(PlateText.lookAlike(read.normalizedPlate()));
        }
    }

    /** README: JPEG starts with SOI and a marker and ends with EOI. */
    private static boolean jpeg(byte[] b) {
        return b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF
                && (b[b.length - 2] & 0xFF) == 0xFF && (b[b.length - 1] & 0xFF) == 0xD9;
    }

    /** The PNG signature, an IHDR chunk first and an IEND chunk last. */
    private static boolean png(byte[] b) {
        byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
        return b.length >= 45 && Arrays.equals(b, 0, 8, signature, 0, 8)
                && new String(b, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")
                && new String(b, b.length - 8, 4, StandardCharsets.ISO_8859_1).equals("IEND");
    }

    /** RIFF, a little-endian size of the rest, WEBP, and a VP8, VP8L or VP8X chunk first. */
    private static boolean webp(byte[] b) {
        if (b.length < 20) {
            return false;
        }
        String header = new String(b, 0, 16, StandardCharsets.ISO_8859_1);
        long size = java.nio.ByteBuffer.wrap(b, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        return header.startsWith("RIFF") && header.startsWith("WEBPVP8", 8)
                && " LX".indexOf(header.charAt(15)) >= 0 && size == b.length - 8L;
    }
}
