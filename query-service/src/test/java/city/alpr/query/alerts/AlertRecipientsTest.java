package city.alpr.query.alerts;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.AlertSubscription;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under the Wildomar policy alerts go to the custodian, and to the officer who watches the plate for a case the
 * custodian approved, for as long as that approval lasts; to no other officer (R10, R29).
 */
@QuarkusTest
class AlertRecipientsTest {

    @TestHTTPResource("/v1/alerts/stream")
    URI stream;

    private String mine;

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        mine = "WPD-ALR-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.approveRequest(mine);
    }

    /** An alert of an entry another officer owns, on a case the officer here has no request for. */
    private static UUID someoneElsesAlert(String plate) {
        String theirs = "WPD-OTHER-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.approveRequest(theirs);
        UUID entry = Fixtures.watch("custom", plate, theirs);
        StackDatabase.execute("update hotlist_entry set owner = 'detective', created_by = 'detective' where id = ?", entry);
        OffsetDateTime at = minutesAgo(3);
        UUID read = storeRead(plate, NORTH_CAMERA, at);
        return Fixtures.raiseAlert(read, at, NORTH_CAMERA, entry);
    }

    /** An alert raised half an hour ago, beyond the announce window, whose notification no replica received. */
    private static UUID raisedUnannounced(UUID readId, OffsetDateTime capturedAt, UUID entryId) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection database = StackDatabase.superuser()) {
            database.setAutoCommit(false);
            try (Statement quiet = database.createStatement()) {
                quiet.execute("set local session_replication_role = replica");
            }
            try (PreparedStatement insert = database.prepareStatement("""
                    insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind,
                                               raised_at)
                    select ?, ?, ?, ?, e.id, e.hotlist_id, 'plate', now() - interval '30 minutes'
                    from hotlist_entry e where e.id = ?""")) {
                StackDatabase.bind(insert, id, capturedAt, readId, NORTH_CAMERA, entryId);
                insert.execute();
            }
            database.commit();
        }
        return id;
    }

    @Test
    void anOfficerReceivesTheAlertsOfTheirOwnWatchAndNoOneElses_R29() throws Exception {
        UUID entry = Fixtures.watch("custom", "4OWN001", mine);
        OffsetDateTime at = minutesAgo(2);
        UUID own = Fixtures.raiseAlert(storeRead("4OWN001", NORTH_CAMERA, at), at, NORTH_CAMERA, entry);
        UUID theirs = someoneElsesAlert("4OTH001");

        as(OFFICER).get("/v1/alerts").then().statusCode(200).body("id", hasItem(own.toString()))
                .body("id", not(hasItem(theirs.toString())));
        as(MANAGER).get("/v1/alerts").then().statusCode(200).body("id", hasItem(own.toString()))
                .body("id", hasItem(theirs.toString()));

        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "dismissed"))
                .post("/v1/alerts/{id}/disposition", theirs).then().statusCode(403);
        Map<String, Object> refused = lastAudit();
        assertEquals("alert.disposition", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertNull(StackDatabase.text("select disposition from hotlist_alert where id = ?", theirs));

        try (AlertSubscription officer = new AlertSubscription(stream, OFFICER)) {
            assertEquals(200, officer.status());
            UUID unseen = someoneElsesAlert("4OTH002");
            OffsetDateTime later = minutesAgo(1);
            UUID seen = Fixtures.raiseAlert(storeRead("4OWN001", NORTH_CAMERA, later), later, NORTH_CAMERA, entry);
            String event = officer.next();
            assertNotNull(event);
            assertTrue(event.contains(seen.toString()), event);
            assertNull(officer.next(2), "the other officer's alert " + unseen + " never reaches this stream");
        }
    }

    @Test
    void anOfficersAlertsStopWhenTheApprovalOfTheirCaseEnds_R10_R29() {
        UUID entry = Fixtures.watch("custom", "4END001", mine);
        OffsetDateTime at = minutesAgo(2);
        UUID alert = Fixtures.raiseAlert(storeRead("4END001", NORTH_CAMERA, at), at, NORTH_CAMERA, entry);
        as(OFFICER).get("/v1/alerts").then().body("id", hasItem(alert.toString()));

        StackDatabase.execute("update law_enforcement_request set expires_at = now() - interval '1 minute' "
                + "where case_number = ?", mine);

        as(OFFICER).get("/v1/alerts").then().statusCode(200).body("id", not(hasItem(alert.toString())));
        as(MANAGER).get("/v1/alerts").then().body("id", hasItem(alert.toString()));
    }

    @Test
    void anOfficerSearchingOrViewingAReadSeesNoHitOfAWatchTheyDoNotReceive_R29() {
        UUID theirs = someoneElsesAlert("4HIT001");
        UUID read = UUID.fromString(StackDatabase.text("select read_id::text from hotlist_alert where id = ?", theirs));
        Map<String, Object> search = Map.of("purpose", "criminal-investigation", "caseNumber", mine,
                "plate", Map.of("text", "4HIT001", "match", "EXACT"),
                "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString());

        as(OFFICER).contentType(ContentType.JSON).body(search).post("/v1/searches").then().statusCode(200)
                .body("reads.find { it.id == '" + read + "' }.hotlistHit", equalTo(false));
        as(OFFICER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", mine)
                .get("/v1/reads/{id}", read).then().statusCode(200).body("alerts", empty());
        assertEquals("read.view", lastAudit().get("action"));

        as(MANAGER).contentType(ContentType.JSON).body(search).post("/v1/searches").then().statusCode(200)
                .body("reads.find { it.id == '" + read + "' }.hotlistHit", equalTo(true));
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", mine)
                .get("/v1/reads/{id}", read).then().statusCode(200).body("alerts.id", contains(theirs.toString()));
    }

    @Test
    void anOfficersEvidencePackageFlagsNoHitOfAWatchTheyDoNotReceive_R12_R29() throws Exception {
        UUID theirs = someoneElsesAlert("4EXP001");
        UUID read = UUID.fromString(StackDatabase.text("select read_id::text from hotlist_alert where id = ?", theirs));
        String export = as(OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", "criminal-investigation",
                "caseNumber", mine, "readIds", List.of(read.toString())))
                .post("/v1/exports").then().statusCode(201).extract().path("id");
        byte[] zip = as(OFFICER).get("/v1/exports/{id}/package", export).then().statusCode(200).extract().asByteArray();
        String readsJson = null;
        try (ZipInputStream files = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry file = files.getNextEntry(); file != null; file = files.getNextEntry()) {
                if (file.getName().equals("reads.json")) {
                    readsJson = new String(files.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertNotNull(readsJson);
        assertTrue(readsJson.contains("\"hotlistHit\" : false"), readsJson);
    }

    @Test
    void anOfficerListsTheWatchesTheyKeepAndNoOneElses_R29() {
        UUID own = Fixtures.watch("custom", "4LST001", mine);
        UUID theirs = Fixtures.watch("custom", "4LST002", mine);
        StackDatabase.execute("update hotlist_entry set owner = 'detective' where id = ?", theirs);
        String ownList = StackDatabase.text("select hotlist_id::text from hotlist_entry where id = ?", own);
        String theirList = StackDatabase.text("select hotlist_id::text from hotlist_entry where id = ?", theirs);

        as(OFFICER).get("/v1/hotlists/{id}/entries", ownList).then().statusCode(200)
                .body("id", contains(own.toString())).body("plate", contains("4LST001"));
        as(OFFICER).get("/v1/hotlists/{id}/entries", theirList).then().statusCode(200).body("$", empty());
        Map<String, Object> listed = lastAudit();
        assertEquals("hotlist.entries.list", listed.get("action"));
        assertEquals("0", listed.get("result_count"));
        as(OFFICER).get("/v1/hotlists").then().statusCode(200)
                .body("find { it.id == '" + theirList + "' }.activeEntries", equalTo(0));
        as(MANAGER).get("/v1/hotlists/{id}/entries", theirList).then().statusCode(200)
                .body("plate", contains("4LST002"));
    }

    @Test
    void aNotificationAnyDatabaseRoleCanSendDeliversNoAlertTwiceAndNoOldOne_R7_R16() throws Exception {
        UUID entry = Fixtures.watch("custom", "4NTF001", mine);
        OffsetDateTime at = minutesAgo(30);
        UUID old = raisedUnannounced(storeRead("4NTF001", NORTH_CAMERA, at), at, entry);

        try (AlertSubscription custodian = new AlertSubscription(stream, MANAGER)) {
            assertEquals(200, custodian.status());
            long deliveries = StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered'");
            StackDatabase.execute("select pg_notify('alpr_alerts', ?)", old.toString());
            StackDatabase.execute("select pg_notify('alpr_alerts', 'not an alert')");
            assertNull(custodian.next(2), "an old alert announced again is not handed out again");
            assertEquals(deliveries, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered'"));

            OffsetDateTime later = minutesAgo(1);
            UUID fresh = Fixtures.raiseAlert(storeRead("4NTF001", NORTH_CAMERA, later), later, NORTH_CAMERA, entry);
            String event = custodian.next();
            assertNotNull(event, "the feed still works after a notification that names no alert");
            assertTrue(event.contains(fresh.toString()), event);
            StackDatabase.execute("select pg_notify('alpr_alerts', ?)", fresh.toString());
            assertNull(custodian.next(2), "an alert announced twice is handed out once");
        }
    }
}
