package city.alpr.query.alerts;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.AlertSubscription;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
}
