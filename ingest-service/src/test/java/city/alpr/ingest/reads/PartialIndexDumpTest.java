package city.alpr.ingest.reads;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.common.plates.PlateText;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5 against the holder of a dump: one day's stored reads and one plate they know (their own car, found by the
 * plaintext camera and capture time) must give away no other plate through the partial-search index.
 */
@QuarkusTest
class PartialIndexDumpTest {

    /** The attacker's own car. */
    private static final String KNOWN_PLATE = "8MJR412";
    private static final String LETTERS = "ACEFHJKMNPRTUVWXY";
    private static final String[] FORMATS = { "dLLLddd", "dLLLddd", "LLLdddd", "dLddddd", "xxx", "xxxx", "xxxxx",
            "xxxxxx", "xxxxxxx" };

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
    }

    @Test
    void oneDaysDumpAndOneKnownPlateRecoverNoOtherPlate_R5() throws SQLException {
        OffsetDateTime knownAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).withNano(0);
        Map<String, String> plateOf = new HashMap<>();
        List<Map<String, Object>> day = new ArrayList<>();
        Map<String, Object> known = Reads.with(Reads.read(KNOWN_PLATE), "capturedAt", knownAt.toString());
        day.add(known);
        plateOf.put((String) known.get("gatewayReadId"), KNOWN_PLATE);
        for (String plate : traffic()) {
            Map<String, Object> read = Reads.read(plate);
            day.add(read);
            plateOf.put((String) read.get("gatewayReadId"), plate);
        }
        String gateway = Stack.gatewayToken(Stack.GATEWAY_EAST);
        for (int from = 0; from < day.size(); from += 250) {
            given().auth().oauth2(gateway).contentType(ContentType.JSON)
                    .body(day.subList(from, Math.min(day.size(), from + 250))).post("/v1/reads")
                    .then().statusCode(201);
        }

        List<int[]> rows = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        int knownRow = -1;
        try (Connection dump = StackDatabase.superuser();
                PreparedStatement statement = dump.prepareStatement("""
                        select gateway_read_id, camera_id, captured_at, plate_trigram_buckets from plate_read
                        where captured_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'""");
                ResultSet stored = statement.executeQuery()) {
            while (stored.next()) {
                if (stored.getString("camera_id").equals(Reads.EAST_CAMERA)
                        && stored.getObject("captured_at", OffsetDateTime.class).isEqual(knownAt)) {
                    knownRow = rows.size();
                }
                rows.add(values(stored.getArray(4)));
                truth.add(plateOf.get(stored.getString("gateway_read_id")));
            }
        }
        assertTrue(knownRow >= 0, "the attacker finds their own read by camera and time");
        assertTrue(rows.size() >= day.size());

        Map<Integer, String> recovered = IndexDumpAttack.recover(rows, knownRow, KNOWN_PLATE);

        List<String> given = new ArrayList<>();
        recovered.forEach((row, plate) -> {
            String actual = truth.get(row);
            if (actual != null && plate.equals(PlateText.lookAlike(actual))
                    && !plate.equals(PlateText.lookAlike(KNOWN_PLATE))) {
                given.add(actual);
            }
        });
        assertEquals(List.of(), given, "plates the dump gave away");
    }

    /**
     * A day's traffic past the cameras: plates of the known plate's issuing series (spelled with its characters, as
     * a fleet or a dealer's lot registered together are), and plates of every kind: California's standard,
     * commercial and out-of-state formats and personalized plates of three to seven characters.
     */
    private static Set<String> traffic() {
        Random random = new Random(7);
        Set<String> plates = new LinkedHashSet<>();
        while (plates.size() < 60) {
            plates.add(plate(random, FORMATS[random.nextInt(FORMATS.length)], "MJR", "8412"));
        }
        while (plates.size() < 2000) {
            plates.add(plate(random, FORMATS[random.nextInt(FORMATS.length)], LETTERS, "0123456789"));
        }
        plates.remove(KNOWN_PLATE);
        return plates;
    }

    /** {@code L} a letter, {@code d} a digit, {@code x} either. */
    private static String plate(Random random, String format, String letters, String digits) {
        StringBuilder plate = new StringBuilder();
        for (char kind : format.toCharArray()) {
            boolean letter = kind == 'L' || (kind == 'x' && random.nextBoolean());
            String from = letter ? letters : digits;
            plate.append(from.charAt(random.nextInt(from.length())));
        }
        return plate.toString();
    }

    private static int[] values(Array array) throws SQLException {
        Object[] boxed = (Object[]) array.getArray();
        int[] values = new int[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = ((Number) boxed[i]).intValue();
        }
        return values;
    }
}
