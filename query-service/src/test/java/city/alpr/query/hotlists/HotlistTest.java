package city.alpr.query.hotlists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hotlists under the Wildomar policy (R6, R29): who keeps them, what an entry must say, and how they are kept. */
@QuarkusTest
class HotlistTest {

    private static final String CASE = "RSO-2026-0777";
    private static final String NEXT_WEEK = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString();

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        Fixtures.approveRequest(CASE);
    }

    static String createHotlist(String name, String kind) {
        return as(OFFICER).contentType(ContentType.JSON).body(Map.of("name", name, "kind", kind))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> entry(String plate) {
        return Fixtures.entry(plate, CASE);
    }

    static Map<String, Object> with(Map<String, Object> entry, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(entry);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }

    @Test
    void swornOfficerKeepsAHotlistAndEveryChangeIsLogged_R6_R16() {
        String id = createHotlist("Stolen vehicles " + UUID.randomUUID(), "stolen-vehicle");
        assertEquals("hotlist.create", lastAudit().get("action"));

        as(OFFICER).contentType(ContentType.JSON).body(List.of(entry("5hot 101"), entry("5HOT102")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(201).body("plate", contains("5HOT101", "5HOT102"))
                .body("[0].source", equalTo("NCIC")).body("[0].owner", equalTo(OFFICER))
                .body("[0].purpose", equalTo("criminal-investigation")).body("[0].caseNumber", equalTo(CASE));
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist.entry.add", logged.get("action"));
        assertEquals("2", logged.get("result_count"));
        assertEquals(CASE, logged.get("case_number"), "a watch is logged under its case");
        assertEquals("criminal-investigation", logged.get("purpose"));
        assertTrue(logged.get("data_elements").toString().contains("5hot 101"));
        assertTrue(logged.get("data_elements").toString().contains("stolen-vehicle"));

        // entries added in one request share their creation time: the list holds them in no set order
        String entryId = as(MANAGER).get("/v1/hotlists/{id}/entries", id).then().statusCode(200)
                .body("plate", containsInAnyOrder("5HOT101", "5HOT102")).extract().path("find { it.plate == '5HOT101' }.id");
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
    void anOfficerCannotWatchAPlateWithoutAPurposeAndACase_R29() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        as(OFFICER).contentType(ContentType.JSON).body(List.of(with(entry("5CASE01"), "caseNumber", null)))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations.field", hasItem("caseNumber"));
        as(OFFICER).contentType(ContentType.JSON).body(List.of(with(entry("5CASE02"), "purpose", null)))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations.field", hasItem("purpose"));
        as(OFFICER).contentType(ContentType.JSON).body(List.of(with(entry("5CASE03"), "purpose", "curiosity")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(entry("5CASE04"), with(entry("5CASE05"), "caseNumber", "RSO-2026-0999")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("caseNumber"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void anOfficerCannotWatchAPlateForYears_R29() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        String fiveYears = OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).withNano(0).toString();
        as(OFFICER).contentType(ContentType.JSON).body(List.of(with(entry("5LONG01"), "expiresAt", fiveYears)))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].field", equalTo("expiresAt"))
                .body("violations[0].message", containsString("30 days"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void underWildomarAnOfficerWithoutAnApprovedRequestCannotWatchAPlate_R10_R29() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        String unapproved = "RSO-2026-" + UUID.randomUUID().toString().substring(0, 6);
        as(OFFICER).contentType(ContentType.JSON).body(List.of(Fixtures.entry("5NOREQ1", unapproved)))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(403).body("detail", containsString("law-enforcement request"));
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist.entry.add", logged.get("action"));
        assertEquals("refused", logged.get("outcome"));
        assertEquals(unapproved, logged.get("case_number"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void anOfficerCannotRemoveAnotherOfficersEntryButTheCustodianCan_R29() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        String theirs = as(OFFICER).contentType(ContentType.JSON).body(List.of(entry("5OWNR01")))
                .post("/v1/hotlists/{id}/entries", id).then().statusCode(201).extract().path("[0].id");
        StackDatabase.execute("update hotlist_entry set owner = 'detective', created_by = 'detective' where id = ?::uuid",
                theirs);

        as(OFFICER).delete("/v1/hotlists/{id}/entries/{entry}", id, theirs).then().statusCode(403)
                .body("detail", containsString("only the officer who added"))
                .body("detail", not(containsString("detective")));
        assertEquals("refused", lastAudit().get("outcome"));
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_entry where id = ?::uuid and removed_at is null",
                theirs), "the other officer's watch is untouched");

        as(MANAGER).delete("/v1/hotlists/{id}/entries/{entry}", id, theirs).then().statusCode(204);
        assertEquals("hotlist.entry.remove", lastAudit().get("action"));
        assertEquals("granted", lastAudit().get("outcome"));
    }

    @Test
    void aDumpShowsNoHotlistPlate_R5_R6() {
        String id = createHotlist("Stolen " + UUID.randomUUID(), "stolen-vehicle");
        as(OFFICER).contentType(ContentType.JSON).body(List.of(entry("5DUMP01"))).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(201);
        assertEquals(0, StackDatabase.count("""
                select count(*) from information_schema.columns
                where table_name in ('hotlist_entry', 'hotlist_alert') and data_type = 'text'
                  and column_name in ('plate', 'plate_lookalike')"""), "no column holds a plain plate");
        byte[] sealed = StackDatabase.bytes("select sealed_plate from hotlist_entry where hotlist_id = ?::uuid", id);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("5DUMP01"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid and ("
                + "reason like '%5DUMP01%' or source like '%5DUMP01%')", id));
    }

    @Test
    void csvUploadAddsEveryLine_R6() {
        String id = createHotlist("AMBER " + UUID.randomUUID(), "amber");
        String csv = EntryCsv.HEADER + "\n"
                + "5CSV101,CA,AMBER alert,\"Child abduction, white sedan\",criminal-investigation," + CASE + ","
                + NEXT_WEEK + "\n"
                + "5CSV102,,CHP,Wanted,criminal-investigation," + CASE + "," + NEXT_WEEK + "\n";
        as(OFFICER).contentType("text/csv").body(csv).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(201).body("plate", contains("5CSV101", "5CSV102"))
                .body("[0].reason", equalTo("Child abduction, white sedan"));
        assertEquals("csv", StackDatabase.text("select data_elements->>'format' from audit_event order by seq desc limit 1"));
    }

    @Test
    void badCsvLinesAreNamedByIndexAndColumnAndNothingIsStored_R3_R6() {
        String id = createHotlist("Wanted " + UUID.randomUUID(), "wanted");
        String line = ",criminal-investigation," + CASE + ",";
        String csv = EntryCsv.HEADER + "\n"
                + "5BAD101,CA,NCIC,Wanted" + line + NEXT_WEEK + "\n"
                + "5BAD$$$,CA,NCIC,Wanted" + line + "next tuesday\n"
                + "5BAD103,CA,NCIC," + line + "2020-01-01T00:00:00Z\n"
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
    void anUploadIsJudgedByRoleBeforeItIsReadAndRefusedAtItsFirstLineBeyondTheLimit_R3_R8() {
        String id = createHotlist("Upload " + UUID.randomUUID(), "custom");
        as(MANAGER).contentType("text/csv").body("not, a csv, \"at all\n").post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(403);
        Map<String, Object> refused = lastAudit();
        assertEquals("hotlist.entry.add", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertEquals("csv", StackDatabase.text("select data_elements->>'format' from audit_event order by seq desc limit 1"));

        StringBuilder flood = new StringBuilder(EntryCsv.HEADER).append('\n');
        for (int i = 0; i <= EntryCsv.MAX_ENTRIES; i++) {
            flood.append("5FLD").append(i).append(",CA,NCIC,Stolen,criminal-investigation,").append(CASE).append(',')
                    .append(NEXT_WEEK).append('\n');
        }
        as(OFFICER).contentType("text/csv").body(flood.toString()).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].message", containsString("more than 10000"));
        as(OFFICER).contentType("text/csv").body(EntryCsv.HEADER + "\n" + "5LNG".repeat(1000) + "\n")
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].message", containsString("longer than"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Test
    void aJsonBodyIsJudgedByRoleBeforeItIsReadAndRefusedAtItsFirstEntryBeyondTheLimit_R3_R8() {
        String id = createHotlist("Flood " + UUID.randomUUID(), "custom");
        // about 20 MB of empty entries: as objects in memory, several times the heap of a replica
        String millionsOfEntries = "[" + "{},".repeat(7_000_000) + "{}]";
        as(MANAGER).contentType(ContentType.JSON).body(millionsOfEntries).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(403);
        Map<String, Object> refused = lastAudit();
        assertEquals("hotlist.entry.add", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertEquals("json", StackDatabase.text("select data_elements->>'format' from audit_event order by seq desc limit 1"));

        as(OFFICER).contentType(ContentType.JSON).body(millionsOfEntries).post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].message", containsString("more than 10000"));
        as(OFFICER).contentType(ContentType.JSON).body(List.of(with(entry("5JLN101"), "reason", "x".repeat(5000))))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].message", containsString("longer than"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("plate", "5JSN100"))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].message", containsString("JSON array"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid", id));
    }

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    @Test
    void anUploadThatStopsArrivingIsABadRequestNotAServerError_R3() {
        InputStream brokenAfterAFewBytes = new SequenceInputStream(
                new ByteArrayInputStream((EntryCsv.HEADER + "\n5CUT101,CA").getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                });
        ProblemException csv = assertThrows(ProblemException.class,
                () -> EntryCsv.parse(brokenAfterAFewBytes, validator));
        assertEquals(ProblemType.MALFORMED_BODY, csv.type());

        InputStream brokenJson = new SequenceInputStream(
                new ByteArrayInputStream("[{\"plate\": \"5CUT1".getBytes(StandardCharsets.UTF_8)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                });
        ProblemException json = assertThrows(ProblemException.class,
                () -> new EntryJson(mapper).parse(brokenJson, validator));
        assertEquals(ProblemType.MALFORMED_BODY, json.type());
    }

    @Test
    void badJsonEntriesAreNamedAndNothingIsStored_R3_R6() {
        String id = createHotlist("Custom " + UUID.randomUUID(), "custom");
        as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(entry("5JSN101"), with(entry("5JSN102"), "expiresAt", "2020-01-01T00:00:00Z")))
                .post("/v1/hotlists/{id}/entries", id)
                .then().statusCode(400).body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("expiresAt"));
        as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(entry("5JSN103"), with(entry("5JSN104"), "expiresAt", "next tuesday")))
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
