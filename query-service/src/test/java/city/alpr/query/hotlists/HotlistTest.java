package city.alpr.query.hotlists;

import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class HotlistTest {

    private static final String NEXT_WEEK = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString();

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    static String createHotlist(String name, String kind) {
        return as(OFFICER).contentType(ContentType.JSON).body(Map.of("name", name, "kind", kind))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> entry(String plate) {
        return Map.of("plate", plate, "region", "CA", "source", "NCIC", "reason", "Reported stolen",
                "caseNumber", "RSO-2026-0777", "owner", "Det. Ortiz", "expiresAt", NEXT_WEEK);
    }

    @Test
    void swornOfficerKeepsAHotlistAndEveryChangeIsLogged_R6_R16() {
        String id = createHotlist("Stolen vehicles " + UUID.randomUUID(), "stolen-vehicle");
        assertEquals("hotlist.create", lastAudit().get("action"));

        as(OFFICER).contentType(ContentType.JSON).body(List.of(entry("5hot 101"), entry("5HOT102")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(201).body("plate", contains("5HOT101", "5HOT102"))
                .body("[0].source", equalTo("NCIC")).body("[0].owner", equalTo("Det. Ortiz"))
                .body("[0].caseNumber", equalTo("RSO-2026-0777"));
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist.entry.add", logged.get("action"));
        assertEquals("2", logged.get("result_count"));
        assertTrue(logged.get("data_elements").toString().contains("5hot 101"));

        String entryId = as(MANAGER).get("/v1/hotlists/{id}/entries", id).then().statusCode(200)
                .body("plate", contains("5HOT101", "5HOT102")).extract().path("[0].id");
        as(MANAGER).get("/v1/hotlists").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.activeEntries", equalTo(2));

        as(OFFICER).delete("/v1/hotlists/{id}/entries/{entry}", id, entryId).then().statusCode(204);
        assertEquals("hotlist.entry.remove", lastAudit().get("action"));
        as(OFFICER).delete("/v1/hotlists/{id}/entries/{entry}", id, entryId).then().statusCode(404);
        as(MANAGER).get("/v1/hotlists/{id}/entries", id).then().body("plate", contains("5HOT102"));
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_entry where id = ?::uuid and removed_by = 'officer'",
                entryId), "a removed entry stays on record");
    }

    @Test
    void csvUploadAddsEveryLine_R6() {
        String id = createHotlist("AMBER " + UUID.randomUUID(), "amber");
        String csv = EntryCsv.HEADER + "\n"
                + "5CSV101,CA,AMBER alert,\"Child abduction, white sedan\",RSO-2026-0800,Sgt. Lee," + NEXT_WEEK + "\n"
                + "5CSV102,,CHP,Wanted,,Sgt. Lee," + NEXT_WEEK + "\n";
        as(OFFICER).contentType("text/csv").body(csv).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(201).body("plate", contains("5CSV101", "5CSV102"))
                .body("[0].reason", equalTo("Child abduction, white sedan"));
        assertEquals("csv", StackDatabase.text("select data_elements->>'format' from audit_event order by seq desc limit 1"));
    }

    @Test
    void badCsvLinesAreNamedByIndexAndColumnAndNothingIsStored_R3_R6() {
        String id = createHotlist("Wanted " + UUID.randomUUID(), "wanted");
        String csv = EntryCsv.HEADER + "\n"
                + "5BAD101,CA,NCIC,Wanted,,Sgt. Lee," + NEXT_WEEK + "\n"
                + "5BAD$$$,CA,NCIC,Wanted,,Sgt. Lee,next tuesday\n"
                + "5BAD103,CA,NCIC,,,Sgt. Lee,2020-01-01T00:00:00Z\n"
                + "5BAD104,CA,\"unterminated\n";
        as(OFFICER).contentType("text/csv").body(csv).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(5))
                .body("violations.findAll { it.index == 1 }.field", contains("expiresAt", "plate"))
                .body("violations.findAll { it.index == 2 }.field", contains("expiresAt", "reason"))
                .body("violations.findAll { it.index == 3 }.field", contains("line"));
        as(OFFICER).contentType("text/csv").body("plate;region\n5BAD105;CA").post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].field", equalTo("header"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void badJsonEntriesAreNamedAndNothingIsStored_R3_R6() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(entry("5JSN101"), Map.of("plate", "5JSN102", "source", "NCIC", "reason", "x",
                        "owner", "me", "expiresAt", "2020-01-01T00:00:00Z")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("expiresAt"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("name", "x", "kind", "parking"))
                .post("/v1/hotlists").then().statusCode(400).body("violations[0].field", containsString("kind"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void duplicateNameIsAConflictAndUnknownListIsNotFound() {
        String name = "Duplicate " + UUID.randomUUID();
        createHotlist(name, "custom");
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("name", name, "kind", "custom"))
                .post("/v1/hotlists").then().statusCode(409).contentType("application/problem+json");
        as(OFFICER).contentType(ContentType.JSON).body(List.of(entry("5NON101")))
                .post("/v1/hotlists/{id}/entries", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void onlySwornOfficersChangeHotlists_R6_R8() {
        String visible = createHotlist("Visible " + UUID.randomUUID(), "custom");
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("name", "Manager list", "kind", "custom"))
                .post("/v1/hotlists").then().statusCode(403);
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist.create", logged.get("action"));
        assertEquals("refused", logged.get("outcome"));
        as(MANAGER).get("/v1/hotlists").then().statusCode(200).body("id", hasItem(visible));
        as(MANAGER).contentType(ContentType.JSON).body(List.of(entry("5MGR101")))
                .post("/v1/hotlists/{id}/entries", visible).then().statusCode(403);
    }
}
