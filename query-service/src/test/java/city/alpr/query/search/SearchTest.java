package city.alpr.query.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.SOUTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.CONTRACTOR;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.RECRUIT;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Purpose-bound search under the default policy profile, Wildomar CS3 (custodian only until an LE request). */
@QuarkusTest
class SearchTest {

    private static final AtomicInteger PLATES = new AtomicInteger(100);

    private static final String REQUESTED_CASE = "RSO-2026-00412";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        if (StackDatabase.count("select count(*) from law_enforcement_request where case_number = ?", REQUESTED_CASE) == 0) {
            Fixtures.approveRequest(REQUESTED_CASE);
        }
    }

    /** A plate no other test uses: 3 letters and 4 digits, with no look-alike characters. */
    private static String uniquePlate() {
        return "7XKM" + PLATES.incrementAndGet();
    }

    static Map<String, Object> search(String purpose, String caseNumber, String plate, String match) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (purpose != null) {
            body.put("purpose", purpose);
        }
        if (caseNumber != null) {
            body.put("caseNumber", caseNumber);
        }
        if (plate != null) {
            body.put("plate", match == null ? Map.of("text", plate) : Map.of("text", plate, "match", match));
        }
        body.put("from", minutesAgo(24 * 60).toString());
        body.put("to", minutesAgo(-5).toString());
        return body;
    }

    static ValidatableResponse post(String user, Map<String, Object> body) {
        return as(user).contentType(ContentType.JSON).body(body).post("/v1/searches").then();
    }

    @Test
    void custodianFindsAnExactPlateAndTheSearchIsLoggedWithPurposeCaseAndCount_R9_R16() {
        String plate = uniquePlate();
        UUID read = storeRead(plate, NORTH_CAMERA, minutesAgo(30));
        storeRead(uniquePlate(), NORTH_CAMERA, minutesAgo(29));

        post(MANAGER, search("criminal-investigation", "WPD-2026-0001", plate.toLowerCase(), null))
                .statusCode(200)
                .body("reads.id", contains(read.toString()))
                .body("reads[0].plate", equalTo(plate))
                .body("reads[0].cameraId", equalTo(NORTH_CAMERA))
                .body("reads[0].site", equalTo("North gate"))
                .body("reads[0].hotlistHit", equalTo(false))
                .body("nextCursor", nullValue());

        Map<String, Object> logged = lastAudit();
        assertEquals("read.search", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        assertEquals(MANAGER, logged.get("username"));
        assertEquals("City of Wildomar", logged.get("agency"));
        assertEquals("city-manager", logged.get("role"));
        assertEquals("criminal-investigation", logged.get("purpose"));
        assertEquals("WPD-2026-0001", logged.get("case_number"));
        assertEquals("1", logged.get("result_count"));
        assertTrue(logged.get("data_elements").toString().contains(plate.toLowerCase()), "the plate queried is logged");
        assertTrue(logged.get("client_address").toString().startsWith("127.0.0.1"));
    }

    @Test
    void lookAlikeSearchFindsOcrConfusionsThatExactSearchDoesNot() {
        int n = PLATES.incrementAndGet();
        String truePlate = "8OS" + n;
        UUID misread = storeRead("B0S" + n, NORTH_CAMERA, minutesAgo(40));
        UUID exact = storeRead(truePlate, SOUTH_CAMERA, minutesAgo(41));

        post(MANAGER, search("criminal-investigation", "WPD-2026-0002", truePlate, "EXACT"))
                .statusCode(200).body("reads.id", contains(exact.toString()));
        post(MANAGER, search("criminal-investigation", "WPD-2026-0002", truePlate, "LOOKALIKE"))
                .statusCode(200).body("reads.id", contains(misread.toString(), exact.toString()));
    }

    @Test
    void partialSearchWithWildcardsFindsOnlyMatchingPlates() {
        int n = PLATES.incrementAndGet();
        UUID first = storeRead("4QW" + n + "1", NORTH_CAMERA, minutesAgo(50));
        UUID second = storeRead("4QW" + n + "9", SOUTH_CAMERA, minutesAgo(51));
        storeRead("5QW" + n + "1", NORTH_CAMERA, minutesAgo(52));

        post(OFFICER, search("criminal-investigation", REQUESTED_CASE, "4QW" + n + "?", "PARTIAL"))
                .statusCode(200).body("reads.id", containsInAnyOrder(first.toString(), second.toString()));
        post(MANAGER, search("criminal-investigation", "WPD-2026-0003", "*QW" + n + "1", "PARTIAL"))
                .statusCode(200).body("reads.plate", containsInAnyOrder("4QW" + n + "1", "5QW" + n + "1"));
        assertEquals("PARTIAL",
                StackDatabase.text("select data_elements->>'match' from audit_event order by seq desc limit 1"));
    }

    @Test
    void partialPatternWithoutThreeKnownCharactersIsRejectedNamingThePlate() {
        post(MANAGER, search("criminal-investigation", "WPD-2026-0004", "*7?*", "PARTIAL"))
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("plate.text"));
        post(MANAGER, search("criminal-investigation", "WPD-2026-0004", "7AB*", null))
                .statusCode(400).body("violations[0].field", equalTo("plate.text"))
                .body("violations[0].message", containsString("PARTIAL"));
    }

    @Test
    void circleAndPolygonAreasKeepOnlyReadsFromCamerasInside() {
        String plate = uniquePlate();
        UUID north = storeRead(plate, NORTH_CAMERA, minutesAgo(60));
        storeRead(plate, SOUTH_CAMERA, minutesAgo(61));

        Map<String, Object> circle = search("criminal-investigation", "WPD-2026-0005", plate, null);
        circle.put("area", Map.of("center", Map.of("latitude", 33.6401, "longitude", -117.2801), "radiusMeters", 500));
        post(MANAGER, circle).statusCode(200).body("reads.id", contains(north.toString()));

        Map<String, Object> polygon = search("criminal-investigation", "WPD-2026-0005", plate, null);
        polygon.put("area", Map.of("polygon", List.of(Map.of("latitude", 33.63, "longitude", -117.29),
                Map.of("latitude", 33.65, "longitude", -117.29), Map.of("latitude", 33.65, "longitude", -117.27),
                Map.of("latitude", 33.63, "longitude", -117.27))));
        post(MANAGER, polygon).statusCode(200).body("reads.id", contains(north.toString()));

        Map<String, Object> cameras = search("criminal-investigation", "WPD-2026-0005", plate, null);
        cameras.put("cameraIds", List.of(SOUTH_CAMERA));
        post(MANAGER, cameras).statusCode(200).body("reads.cameraId", contains(SOUTH_CAMERA));
    }

    @Test
    void pagesWalkEveryResultOnceNewestFirst() {
        String plate = uniquePlate();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(storeRead(plate, i % 2 == 0 ? NORTH_CAMERA : SOUTH_CAMERA, minutesAgo(70 + i)).toString());
        }
        Walk walk = walkPages(search("criminal-investigation", "WPD-2026-0006", plate, null));
        assertEquals(3, walk.pages());
        assertEquals(stored, walk.ids(), "newest first, each read once");
    }

    @Test
    void aSearchWithoutAPlatePagesThroughItsCamerasNewestFirstEachReadOnce_R15() {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(storeRead(uniquePlate(), i % 2 == 0 ? NORTH_CAMERA : SOUTH_CAMERA, minutesAgo(1000 + i))
                    .toString());
        }
        Map<String, Object> body = search("criminal-investigation", "WPD-2026-0011", null, null);
        body.put("cameraIds", List.of(NORTH_CAMERA, SOUTH_CAMERA, NORTH_CAMERA));
        body.put("from", minutesAgo(1010).toString());
        body.put("to", minutesAgo(995).toString());
        Walk walk = walkPages(body);
        assertEquals(3, walk.pages());
        assertEquals(stored, walk.ids(),
                "both cameras' reads merged newest first, each once, though a camera is named twice");
        assertEquals("read.search", lastAudit().get("action"));
    }

    /** The ids of a search's reads, page by page of 3 as its nextCursor leads, and how many pages it took. */
    private record Walk(List<String> ids, int pages) {
    }

    private static Walk walkPages(Map<String, Object> body) {
        body.put("pageSize", 3);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            var page = post(MANAGER, body).statusCode(200).extract();
            ids.addAll(page.path("reads.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        return new Walk(ids, pages);
    }

    @Test
    void searchWithoutPurposeIsRefusedAndTheRefusalIsLogged_R9() {
        String plate = uniquePlate();
        storeRead(plate, NORTH_CAMERA, minutesAgo(80));
        post(MANAGER, search(null, null, plate, null))
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("purpose"))
                .body("violations[0].message", containsString("criminal-investigation"));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.search", logged.get("action"));
        assertEquals("refused", logged.get("outcome"));
        assertEquals("0", logged.get("result_count"));
        assertTrue(logged.get("data_elements").toString().contains(plate));
    }

    @Test
    void purposeOutsideThePolicyIsRefused_R9() {
        post(MANAGER, search("curiosity", "WPD-2026-0007", uniquePlate(), null))
                .statusCode(400).body("violations[0].field", equalTo("purpose"))
                .body("violations[0].message", containsString("not a purpose this policy allows"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void investigationWithoutCaseNumberIsRefused_R9() {
        post(MANAGER, search("criminal-investigation", null, uniquePlate(), null))
                .statusCode(400).body("violations[0].field", equalTo("caseNumber"));
        post(MANAGER, search("criminal-investigation", "no spaces allowed", uniquePlate(), null))
                .statusCode(400).body("violations[0].field", equalTo("caseNumber"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void officerWithoutAnApprovedLawEnforcementRequestIsRefusedUnderWildomar_R10() {
        post(OFFICER, search("criminal-investigation", "RSO-NO-REQUEST-1", uniquePlate(), null))
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only the custodian has access"));
        Map<String, Object> logged = lastAudit();
        assertEquals("refused", logged.get("outcome"));
        assertEquals(OFFICER, logged.get("username"));
        assertEquals("Riverside County Sheriff's Office", logged.get("agency"));
        assertEquals("RSO-NO-REQUEST-1", logged.get("case_number"));
    }

    @Test
    void officerWithAnApprovedRequestSearchesThatCase_R10() {
        String plate = uniquePlate();
        UUID read = storeRead(plate, NORTH_CAMERA, minutesAgo(90));
        post(OFFICER, search("criminal-investigation", REQUESTED_CASE, plate, null))
                .statusCode(200).body("reads.id", contains(read.toString()));
        assertEquals("granted", lastAudit().get("outcome"));
    }

    @Test
    void anApprovalServesOnlyTheOfficerWhoAskedAndThePurposeAskedFor_R10() {
        String plate = uniquePlate();
        storeRead(plate, NORTH_CAMERA, minutesAgo(91));
        StackDatabase.execute("""
                insert into law_enforcement_request (id, case_number, purpose, justification, requested_by, agency,
                                                     decided_by, decided_at, approved, expires_at)
                values (gen_random_uuid(), 'RSO-OTHERS-1', 'criminal-investigation', 'Someone else''s case',
                        'other-officer', 'Riverside County Sheriff''s Office', 'manager', now(), true,
                        now() + interval '1 day')""");
        post(OFFICER, search("criminal-investigation", "RSO-OTHERS-1", plate, null)).statusCode(403);
        post(OFFICER, search("prosecution", REQUESTED_CASE, plate, null)).statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void aSearchWithoutAPlateNamesCamerasOrAnAreaAndSpansADayAtMost_R15() {
        UUID read = storeRead(uniquePlate(), SOUTH_CAMERA, minutesAgo(3));
        Map<String, Object> everything = search("criminal-investigation", "WPD-2026-0010", null, null);
        post(MANAGER, everything).statusCode(400).body("violations[0].field", equalTo("plate"))
                .body("violations[0].message", containsString("no bulk search"));
        Map<String, Object> scene = search("criminal-investigation", "WPD-2026-0010", null, null);
        scene.put("cameraIds", List.of(SOUTH_CAMERA));
        scene.put("from", minutesAgo(10).toString());
        post(MANAGER, scene).statusCode(200).body("reads.id", hasItem(read.toString()));
        scene.put("from", minutesAgo(60 * 25).toString());
        post(MANAGER, scene).statusCode(400).body("violations[0].field", equalTo("plate"));
    }

    @Test
    void officerWithoutTrainingRecordIsRefused_R11() {
        Fixtures.approveRequest("RSO-RECRUIT-1");
        post(RECRUIT, search("criminal-investigation", "RSO-RECRUIT-1", uniquePlate(), null))
                .statusCode(403).body("detail", containsString("training"));
        Map<String, Object> logged = lastAudit();
        assertEquals(RECRUIT, logged.get("username"));
        assertEquals("refused", logged.get("outcome"));
    }

    @Test
    void contractorSearchesOnlyInsideAnActiveWrittenGrantForThatCase_R8() {
        String plate = uniquePlate();
        UUID read = storeRead(plate, SOUTH_CAMERA, minutesAgo(95));
        post(CONTRACTOR, search("criminal-investigation", "WPD-GRANT-1", plate, null))
                .statusCode(403).body("detail", containsString("written grant"));
        assertEquals("refused", lastAudit().get("outcome"));

        Fixtures.grantContractor("WPD-GRANT-1");
        post(CONTRACTOR, search("criminal-investigation", "WPD-GRANT-1", plate, null))
                .statusCode(200).body("reads.id", contains(read.toString()));
        assertEquals("System contractor", lastAudit().get("agency"));
        post(CONTRACTOR, search("criminal-investigation", "WPD-OTHER-CASE", plate, null)).statusCode(403);
    }

    @Test
    void searchOfDaysWithNoDataAnswersAnEmptyPage() {
        Map<String, Object> body = search("criminal-investigation", "WPD-2026-0008", uniquePlate(), null);
        body.put("from", minutesAgo(60 * 24 * 29).toString());
        body.put("to", minutesAgo(60 * 24 * 28).toString());
        post(MANAGER, body).statusCode(200).body("reads", empty()).body("nextCursor", nullValue());
        assertEquals("0", lastAudit().get("result_count"));
    }

    @Test
    void badSearchesNameEachField_R3() {
        Map<String, Object> body = search("criminal-investigation", "WPD-2026-0009", "7AB$12", null);
        body.put("to", minutesAgo(24 * 60 + 5).toString());
        body.put("pageSize", 0);
        body.put("area", Map.of("radiusMeters", 100));
        body.put("cursor", "not-a-cursor");
        long before = Stack.lastAuditSeq();
        var problem = post(MANAGER, body).statusCode(400).contentType("application/problem+json").extract();
        Set<String> fields = new HashSet<>(problem.path("violations.field"));
        assertTrue(fields.containsAll(Set.of("plate.text", "pageSize")), fields.toString());
        body.put("plate", Map.of("text", "7ABC123"));
        body.put("pageSize", 10);
        Set<String> second = new HashSet<>(post(MANAGER, body).statusCode(400).extract().path("violations.field"));
        assertEquals(Set.of("to", "area", "cursor"), second);
        post(MANAGER, Map.of("purpose", "criminal-investigation", "from", "yesterday", "to", "today"))
                .statusCode(400).body("violations[0].field", notNullValue());
        assertEquals(before, Stack.lastAuditSeq(), "malformed requests touch no data and are not access attempts");
    }
}
