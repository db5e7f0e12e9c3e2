package city.alpr.query.alerts;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.AlertSubscription;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import city.alpr.query.support.TownPolicy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hotlist alerts under the Town policy, where sworn officers see them live (R7, R29). */
@QuarkusTest
@TestProfile(TownPolicy.class)
class AlertTest {

    private static final String CASE = "SCSO-2026-0501";

    @TestHTTPResource("/v1/alerts/stream")
    URI stream;

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    static UUID watchFor(String plate) {
        return Fixtures.watch("stolen-vehicle", plate, CASE);
    }

    @Test
    void subscribedOfficerReceivesANewAlertAsItIsRaised_R7() throws Exception {
        UUID entry = watchFor("3ALR101");
        try (AlertSubscription officer = new AlertSubscription(stream, OFFICER)) {
            assertEquals(200, officer.status());
            OffsetDateTime capturedAt = minutesAgo(2);
            UUID read = storeRead("3ALR101", NORTH_CAMERA, capturedAt);
            UUID alert = Fixtures.raiseAlert(read, capturedAt, NORTH_CAMERA, entry);

            String event = officer.next();
            assertNotNull(event);
            assertTrue(event.contains(alert.toString()), event);
            assertTrue(event.contains("\"plate\":\"3ALR101\""), event);
            assertTrue(event.contains("\"site\":\"North gate\""), event);
            assertTrue(event.contains("\"caseNumber\":\"" + CASE + "\""), event);
            awaitLogged(alert);
            assertEquals(1, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                    + "and username = ? and target = ? and case_number = ? and purpose = 'criminal-investigation'",
                    OFFICER, alert.toString(), CASE), "every alert handed out is logged under its entry's case");
            assertEquals(0, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                    + "and (data_elements::text like '%3ALR101%' or data_elements::text like ?)", "%" + read + "%"),
                    "the log never pairs the plate or the read (whose id dates it) with the delivery");
        }
    }

    @Test
    void aBurstOfHitsReachesTheSubscriberAndTheStreamLivesOn_R7() throws Exception {
        UUID stolen = watchFor("3BRST01");
        UUID wanted = Fixtures.watch("wanted", "3BRST01", CASE);
        try (AlertSubscription officer = new AlertSubscription(stream, OFFICER)) {
            Set<String> raised = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                OffsetDateTime at = minutesAgo(5 + i);
                UUID read = storeRead("3BRST01", NORTH_CAMERA, at);
                raised.add(Fixtures.raiseAlert(read, at, NORTH_CAMERA, stolen).toString());
                raised.add(Fixtures.raiseAlert(read, at, NORTH_CAMERA, wanted).toString());
            }
            Set<String> received = new HashSet<>();
            for (int i = 0; i < raised.size(); i++) {
                String event = officer.next();
                assertNotNull(event, "alert " + (i + 1) + " of " + raised.size() + " arrived");
                raised.stream().filter(event::contains).forEach(received::add);
            }
            assertEquals(raised, received, "all six alerts of three reads matching two entries");

            OffsetDateTime later = minutesAgo(1);
            UUID read = storeRead("3BRST01", NORTH_CAMERA, later);
            UUID afterBurst = Fixtures.raiseAlert(read, later, NORTH_CAMERA, stolen);
            String event = officer.next();
            assertNotNull(event, "the stream is still open after the burst");
            assertTrue(event.contains(afterBurst.toString()));
        }
    }

    @Test
    void everyStreamThatReceivesAnAlertLogsItAndTheStreamsShareOneCommit_R7_R29() throws Exception {
        UUID entry = watchFor("3ALR104");
        try (AlertSubscription officer = new AlertSubscription(stream, OFFICER);
                AlertSubscription officerElsewhere = new AlertSubscription(stream, OFFICER);
                AlertSubscription manager = new AlertSubscription(stream, MANAGER)) {
            OffsetDateTime capturedAt = minutesAgo(2);
            UUID alert = Fixtures.raiseAlert(storeRead("3ALR104", NORTH_CAMERA, capturedAt), capturedAt, NORTH_CAMERA,
                    entry);
            for (AlertSubscription subscription : List.of(officer, officerElsewhere, manager)) {
                String event = subscription.next();
                assertNotNull(event);
                assertTrue(event.contains(alert.toString()), event);
            }
            String delivered = "from audit_event where action = 'alert.delivered' and target = ?";
            assertEquals(2, StackDatabase.count("select count(*) " + delivered + " and username = ?", alert.toString(),
                    OFFICER), "each of the officer's streams logs what it handed out");
            assertEquals(1, StackDatabase.count("select count(*) " + delivered + " and username = ?", alert.toString(),
                    MANAGER));
            assertEquals(1, StackDatabase.count("select count(distinct xmin::text) " + delivered, alert.toString()),
                    "the three streams' records were appended in one transaction, taking the chain lock once");
        }
    }

    @Test
    void aStreamOutlivesAnAccessLogSlowerThanItsAlertsArrive_R7_R29() throws Exception {
        UUID entry = watchFor("3ALR105");
        Set<String> raised = new HashSet<>();
        try (AlertSubscription officer = new AlertSubscription(stream, OFFICER);
                Connection holder = StackDatabase.superuser()) {
            // another transaction holds the log's chain lock for a second, as a long one of another service would
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(hashtext('alpr.audit_event.chain'))");
            }
            for (int i = 0; i < 3; i++) {
                OffsetDateTime at = minutesAgo(3 + i);
                raised.add(Fixtures.raiseAlert(storeRead("3ALR105", NORTH_CAMERA, at), at, NORTH_CAMERA, entry)
                        .toString());
                Thread.sleep(300);
            }
            assertEquals(1, waitingForTheChainLock(), "the streams' deliveries wait in one transaction, not one per window");
            assertNull(officer.next(1), "no alert is handed out before it is logged");
            assertEquals(1, waitingForTheChainLock());
            holder.rollback();

            Set<String> received = new HashSet<>();
            for (int i = 0; i < raised.size(); i++) {
                String event = officer.next();
                assertNotNull(event, "alert " + (i + 1) + " of " + raised.size() + " arrived once the log was free");
                raised.stream().filter(event::contains).forEach(received::add);
            }
            assertEquals(raised, received);
            OffsetDateTime later = minutesAgo(1);
            UUID afterwards = Fixtures.raiseAlert(storeRead("3ALR105", NORTH_CAMERA, later), later, NORTH_CAMERA, entry);
            String event = officer.next();
            assertNotNull(event, "the stream is still open");
            assertTrue(event.contains(afterwards.toString()), event);
        }
        for (String alert : raised) {
            assertEquals(1, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                    + "and username = ? and case_number = ? and data_elements->>'via' = 'stream' "
                    + "and data_elements::text like ?", OFFICER, CASE, "%" + alert + "%"),
                    "each alert handed out is logged once, to the officer, under its case");
        }
    }

    @Test
    void aPersonHoldsNoMoreStreamsThanThePolicyAllows_R7() throws Exception {
        List<AlertSubscription> open = new ArrayList<>();
        try {
            open.add(new AlertSubscription(stream, OFFICER));
            open.add(new AlertSubscription(stream, OFFICER));
            Stack.as(OFFICER).get("/v1/alerts/stream").then().statusCode(429).header("Retry-After", "5");
            Map<String, Object> refused = lastAudit();
            assertEquals("alert.subscribe", refused.get("action"));
            assertEquals("refused", refused.get("outcome"));
        } finally {
            open.forEach(AlertSubscription::close);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            try (AlertSubscription again = new AlertSubscription(stream, OFFICER)) {
                if (again.status() == 200) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("a closed stream gives its place back");
    }

    @Test
    void eachAlertTakesOneHumanDispositionWhichIsLoggedUnderItsCase_R7_R29() {
        UUID entry = watchFor("3ALR102");
        OffsetDateTime capturedAt = minutesAgo(3);
        UUID read = storeRead("3ALR102", NORTH_CAMERA, capturedAt);
        UUID alert = Fixtures.raiseAlert(read, capturedAt, NORTH_CAMERA, entry);

        as(OFFICER).queryParam("open", true).get("/v1/alerts").then().statusCode(200)
                .body("id", hasItem(alert.toString()));
        assertEquals(1, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                + "and data_elements->>'via' = 'list' and case_number = ? and data_elements::text like ?", CASE,
                "%" + alert + "%"), "an alert listed is an alert handed out, logged under its case");
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "misread", "note", "Plate reads 3ALR162"))
                .post("/v1/alerts/{id}/disposition", alert)
                .then().statusCode(200).body("disposition", equalTo("misread")).body("disposedBy", equalTo(OFFICER));
        Map<String, Object> logged = lastAudit();
        assertEquals("alert.disposition", logged.get("action"));
        assertEquals(alert.toString(), logged.get("target"));
        assertEquals(CASE, logged.get("case_number"));
        assertFalse(logged.get("data_elements").toString().contains("3ALR162"), "the note, which may name a plate, "
                + "stays with the alert and leaves with its day");

        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "confirmed"))
                .post("/v1/alerts/{id}/disposition", alert)
                .then().statusCode(409).body("detail", containsString("already misread"));
        assertEquals("refused", lastAudit().get("outcome"), "a conflict is a refusal and is logged");
        assertTrue(lastAudit().get("reason").toString().contains("already misread"));
        as(OFFICER).queryParam("open", true).get("/v1/alerts").then().body("id", not(hasItem(alert.toString())));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "maybe"))
                .post("/v1/alerts/{id}/disposition", alert).then().statusCode(400);
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "confirmed"))
                .post("/v1/alerts/{id}/disposition", UUID.randomUUID()).then().statusCode(404);
        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", alert).get("/v1/reads/{id}", read)
                .then().statusCode(200).body("alerts[0].disposition", equalTo("misread"));
    }

    @Test
    void aHotlistResponseReachesOnlyTheReadOfTheAlertItAnswers_R9_R29() {
        UUID entry = watchFor("3RSP101");
        OffsetDateTime capturedAt = minutesAgo(4);
        UUID read = storeRead("3RSP101", NORTH_CAMERA, capturedAt);
        UUID alert = Fixtures.raiseAlert(read, capturedAt, NORTH_CAMERA, entry);
        UUID other = storeRead("3RSP999", NORTH_CAMERA, minutesAgo(4));

        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", alert).get("/v1/reads/{id}", read)
                .then().statusCode(200).body("plate", equalTo("3RSP101"));
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist-response", logged.get("purpose"));
        assertTrue(logged.get("data_elements").toString().contains(alert.toString()), "the answered alert is logged");

        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", alert).get("/v1/reads/{id}", other)
                .then().statusCode(403).body("detail", containsString("reaches only the read of alert"));
        assertEquals("refused", lastAudit().get("outcome"));
        as(OFFICER).queryParam("purpose", "hotlist-response").get("/v1/reads/{id}", other)
                .then().statusCode(400).body("violations[0].field", equalTo("alertId"));
        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", UUID.randomUUID())
                .get("/v1/reads/{id}", read).then().statusCode(403);
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "hotlist-response", "alertId", alert.toString(),
                        "plate", Map.of("text", "3RSP999"), "from", minutesAgo(60).toString(),
                        "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then().statusCode(403);
        Map<String, Object> search = lastAudit();
        assertEquals("read.search", search.get("action"));
        assertEquals("refused", search.get("outcome"));
    }

    @Test
    void officerSearchesDirectlyForACriminalInvestigationUnderTheTownPolicy_R10_R25() {
        UUID read = storeRead("3ALR103", NORTH_CAMERA, minutesAgo(4));
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "criminal-investigation", "caseNumber", CASE, "plate", Map.of("text", "3ALR103"),
                        "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then().statusCode(200).body("reads.id", hasItem(read.toString()));
        Map<String, Object> logged = lastAudit();
        assertEquals("Santa Clara County Sheriff's Office", logged.get("agency"));
        assertEquals("criminal-investigation", logged.get("purpose"));
    }

    /** Transactions of another session than the test's that wait for the access log's chain lock, once one does. */
    private static long waitingForTheChainLock() throws InterruptedException {
        String waiting = "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where l.locktype = 'advisory' and not l.granted and a.usename <> current_user";
        for (int i = 0; i < 400 && StackDatabase.count(waiting) == 0; i++) {
            Thread.sleep(50);
        }
        return StackDatabase.count(waiting);
    }

    /** Deliveries are logged by batch, before they are handed out; the record is there once the event is. */
    private static void awaitLogged(UUID alert) throws InterruptedException {
        for (int i = 0; i < 50 && StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                + "and data_elements::text like ?", "%" + alert + "%") == 0; i++) {
            Thread.sleep(50);
        }
    }
}
