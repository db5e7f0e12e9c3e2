package city.alpr.ingest.reads;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * R3, R4 through the real endpoint: the seeds and findings of {@link ReadSubmissionFuzzTest}, and fixed-seed
 * mutations of valid reads, posted by a gateway. Every answer is 201 or 200 with exactly the reads it says stored, or
 * a 4xx problem that stored nothing; never a 5xx.
 */
@QuarkusTest
class ReadSubmissionCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private String token;

    @BeforeEach
    void gateway() {
        Reads.registerTestCameras();
        token = Stack.gatewayToken(Stack.GATEWAY_EAST);
    }

    @Test
    void r3_everyFuzzSeedAndFindingIsStoredWholeOrRefusedWholeNeverA5xx() throws Exception {
        for (Path input : inputs()) {
            post(Files.readAllBytes(input), input.getFileName().toString());
        }
        // bytes that Jackson takes for UTF-32 but are not (the hotlist upload's finding)
        byte[] notUnicode = { 0x13, 0, 0, 0, 0, 0, 0, 0, 0, '(', '7', 'A', 'B', 'C', '1', '2', '3', '"', '}' };
        assertEquals(400, post(notUnicode, "bytes in no Unicode encoding"));
    }

    @Test
    void r3_fixedSeedMutationsOfValidReadsAreStoredWholeOrRefusedWhole() throws JsonProcessingException {
        Random random = new Random(3);
        int stored = 0;
        int refused = 0;
        for (int i = 0; i < 80; i++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int read = 0; read < 1 + random.nextInt(3); read++) {
                batch.add(new LinkedHashMap<>(Reads.read("3FZ" + random.nextInt(1000))));
            }
            for (int edit = random.nextInt(3); edit > 0; edit--) {
                Map<String, Object> read = batch.get(random.nextInt(batch.size()));
                List<String> fields = new ArrayList<>(read.keySet());
                fields.add("unknownField");
                read.put(fields.get(random.nextInt(fields.size())), HOSTILE.get(random.nextInt(HOSTILE.size())));
            }
            byte[] body = JSON.writeValueAsBytes(batch.size() == 1 && random.nextBoolean() ? batch.getFirst() : batch);
            if (random.nextInt(10) == 0) {
                body = new String(body, StandardCharsets.UTF_8).substring(0, random.nextInt(body.length))
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (post(body, new String(body, StandardCharsets.UTF_8)) < 300) {
                stored++;
            } else {
                refused++;
            }
        }
        assertTrue(stored > 0 && refused > 0, "both kinds of answer were tried: " + stored + " stored, " + refused
                + " refused");
    }

    /** Values a field of a read may be replaced with. */
    private static final List<Object> HOSTILE = hostile();

    private static List<Object> hostile() {
        List<Object> values = new ArrayList<>(List.of("", " ", "\u0000", "'; drop table plate_read;--", "../../etc/passwd",
                "\ud83d\ude97", "A".repeat(300), 1e308, -1, 0, Long.MAX_VALUE, true, List.of(), List.of(1, 2),
                Map.of(), Map.of("latitude", "north"), "2026-11-23T06:15:00", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00+18:00", "2026-02-30T00:00:00Z", "@@not-base64@@", "/9j/2Q==",
                Base64.getEncoder().encodeToString(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }),
                "iVBORw0KGgo="));
        values.add(null);
        return values;
    }

    /** Posts one body; checks the answer and that exactly what a 2xx says it stored was stored. */
    private int post(byte[] body, String what) {
        long before = StackDatabase.count("select count(*) from plate_read");
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/reads");
        int status = response.statusCode();
        if (status != 200 && status != 201 && (status < 400 || status >= 500)) {
            fail(status + " for " + what + ": " + response.asString());
        }
        long after = StackDatabase.count("select count(*) from plate_read");
        if (status < 300) {
            assertEquals(before + response.jsonPath().getInt("stored"), after, "what was stored: " + what);
            assertEquals(status == 201, response.jsonPath().getInt("stored") > 0, what);
        } else {
            assertTrue(response.contentType().startsWith("application/problem+json"), what);
            assertEquals(status, response.jsonPath().getInt("status"), what);
            assertEquals(before, after, "a refused request stores nothing: " + what);
        }
        return status;
    }

    private static List<Path> inputs() throws URISyntaxException, IOException {
        Path directory = Path.of(ReadSubmissionFuzzTest.class.getResource(
                "ReadSubmissionFuzzTestInputs/r3_anyReadsBodyIsRefusedAsUnreadableOrJudgedReadByRead").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> inputs = files.filter(Files::isRegularFile).sorted().toList();
            assertTrue(inputs.size() >= 5, "the seeds are there: " + directory);
            return inputs;
        }
    }
}
