package city.alpr.query.hotlists;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * R3, R6 through the real endpoints: the fuzz seeds and findings of {@link EntryUploadFuzzTest}, and fixed-seed
 * mutations of a valid upload, posted as an officer. Every answer is 201 with the entries stored, all of them, or a
 * 4xx problem that stored none; never a 5xx.
 */
@QuarkusTest
class EntryUploadCorpusTest {

    private static final String CASE = "RSO-2026-0779";
    private static final String NEXT_WEEK = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString();

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        Fixtures.approveRequest(CASE);
    }

    @Test
    void r6_everyFuzzSeedAndFindingIsTakenWholeOrRefusedWholeNeverA5xx() throws Exception {
        String hotlist = hotlist();
        for (Path input : inputs("r6_anyCsvUploadIsTakenWholeOrRefusedWithA400")) {
            upload(hotlist, "text/csv", Files.readAllBytes(input), input.getFileName().toString());
        }
        for (Path input : inputs("r6_anyJsonUploadIsTakenWholeOrRefusedWithA400")) {
            upload(hotlist, "application/json", Files.readAllBytes(input), input.getFileName().toString());
        }
        // EntryUploadFuzzTest's finding, kept in code rather than as a binary file
        byte[] notUnicode = { 0x13, 0, 0, 0, 0, 0, 0, 0, 0, '(', '7', 'A', 'B', 'C', '1', '2', '3', '"', '}' };
        assertEquals(400, upload(hotlist, "application/json", notUnicode, "bytes in no Unicode encoding"));
    }

    @Test
    void r6_fixedSeedMutationsOfAValidUploadAreTakenWholeOrRefusedWhole() {
        String hotlist = hotlist();
        Random random = new Random(6);
        int taken = 0;
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            List<String> lines = new ArrayList<>();
            lines.add(EntryCsv.HEADER);
            for (int line = 0; line < 1 + random.nextInt(4); line++) {
                lines.add("\"5M" + i + "X" + line + "\",CA,NCIC,\"Stolen, grey sedan\",criminal-investigation," + CASE
                        + "," + NEXT_WEEK);
            }
            for (int edit = random.nextInt(3); edit > 0; edit--) {
                int at = random.nextInt(lines.size());
                lines.set(at, mutate(lines.get(at), random));
            }
            String body = String.join(random.nextBoolean() ? "\n" : "\r\n", lines);
            if (upload(hotlist, "text/csv", body.getBytes(StandardCharsets.UTF_8), body) == 201) {
                taken++;
            } else {
                refused++;
            }
        }
        assertTrue(taken > 0 && refused > 0, "both kinds of answer were tried: " + taken + " taken, " + refused
                + " refused");
    }

    /** One edit a careless or hostile client makes to a line. */
    private static String mutate(String line, Random random) {
        int at = random.nextInt(line.length() + 1);
        String[] insertions = { ",", "\"", "\"\"", " ", "\u0000", "\u00e9", "\ud83d\ude97", "'; drop table hotlist;--",
                "9999-99-99", "+18:00", "\\", "\t" };
        return switch (random.nextInt(5)) {
            case 0 -> line.substring(0, at) + insertions[random.nextInt(insertions.length)] + line.substring(at);
            case 1 -> line.substring(0, at);
            case 2 -> line.substring(0, at) + (at < line.length() ? line.substring(at + 1) : "");
            case 3 -> line.replace(NEXT_WEEK, List.of("2020-01-01T00:00:00Z", "2026-11-23T06:00:00",
                    "+999999999-12-31T23:59:59Z", OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).toString())
                    .get(random.nextInt(4)));
            default -> line.replace(CASE, List.of("", "X", "UNAPPROVED-1", "A".repeat(41)).get(random.nextInt(4)));
        };
    }

    /** Posts one upload; checks the answer and that the hotlist holds exactly what a 201 says it took. */
    private static int upload(String hotlist, String contentType, byte[] body, String what) {
        long before = entries(hotlist);
        Response response = as(OFFICER).contentType(contentType).body(body).post("/v1/hotlists/{id}/entries", hotlist);
        int status = response.statusCode();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            fail(status + " for " + what + ": " + response.asString());
        }
        if (status == 201) {
            assertEquals(before + response.jsonPath().getList("$").size(), entries(hotlist),
                    "every entry of " + what + " was stored");
        } else {
            assertTrue(response.contentType().startsWith("application/problem+json"), what);
            assertEquals(status, response.jsonPath().getInt("status"), what);
            assertEquals(before, entries(hotlist), "a refused upload stores nothing: " + what);
        }
        return status;
    }

    private static long entries(String hotlist) {
        return StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", hotlist);
    }

    private static String hotlist() {
        return as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("name", "Fuzz corpus " + UUID.randomUUID(), "kind", "stolen-vehicle"))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
    }

    private static List<Path> inputs(String method) throws URISyntaxException, IOException {
        Path directory = Path.of(EntryUploadFuzzTest.class.getResource("EntryUploadFuzzTestInputs/" + method).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> inputs = files.filter(Files::isRegularFile).sorted().toList();
            assertTrue(inputs.size() >= 5, "the seeds are there: " + directory);
            return inputs;
        }
    }
}
