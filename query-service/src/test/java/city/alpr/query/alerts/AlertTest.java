package city.alpr.query.alerts;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import city.alpr.query.support.TownPolicy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Hotlist alerts under the Town policy, where sworn officers see them live (R7). */
@QuarkusTest
@TestProfile(TownPolicy.class)
class AlertTest {

    @TestHTTPResource("/v1/alerts/stream")
    URI stream;

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    /** A hotlist with one active entry for the plate; answers the entry id. */
    static UUID watchFor(String plate) {
        String hotlist = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("name", "Stolen " + UUID.randomUUID(), "kind", "stolen-vehicle"))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
        String entry = as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(Map.of("plate", plate, "source", "NCIC", "reason", "Reported stolen", "owner", "Dispatch",
                        "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString())))
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(201).extract().path("[0].id");
        return UUID.fromString(entry);
    }

    @Test
    void subscribedOfficerReceivesANewAlertAsItIsRaised_R7() throws Exception {
        UUID entry = watchFor("3ALR101");
        HttpRequest subscribe = HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + Stack.token(OFFICER))
                .header("Accept", "text/event-stream").build();
        long before = Stack.lastAuditSeq();
        CompletableFuture<HttpResponse<Stream<String>>> subscribed = HttpClient.newHttpClient()
                .sendAsync(subscribe, HttpResponse.BodyHandlers.ofLines());
        awaitSubscription(before);

        OffsetDateTime capturedAt = minutesAgo(2);
        UUID read = storeRead("3ALR101", NORTH_CAMERA, capturedAt);
        UUID alert = Fixtures.raiseAlert(read, capturedAt, NORTH_CAMERA, entry);

        HttpResponse<Stream<String>> events = subscribed.get(10, TimeUnit.SECONDS);
        assertEquals(200, events.statusCode());
        String event = CompletableFuture.supplyAsync(
                () -> events.body().filter(line -> line.startsWith("data:")).findFirst().orElse(null))
                .get(10, TimeUnit.SECONDS);
        assertNotNull(event);
        assertTrue(event.contains(alert.toString()), event);
        assertTrue(event.contains("\"plate\":\"3ALR101\""), event);
        assertTrue(event.contains("\"site\":\"North gate\""), event);
        events.body().close();
        assertEquals(1, StackDatabase.count("select count(*) from audit_event where action = 'alert.delivered' "
                + "and username = ? and target = ?", OFFICER, alert.toString()), "every alert handed out is logged");
    }

    /** The subscription is logged before the stream is handed over; give the handover a moment after that. */
    private static void awaitSubscription(long seqBefore) throws InterruptedException {
        for (int i = 0; i < 100 && StackDatabase.count("select count(*) from audit_event where seq > ? and action = "
                + "'alert.subscribe' and outcome = 'granted'", seqBefore) == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(OFFICER, lastAudit().get("username"));
        Thread.sleep(300);
    }

    @Test
    void eachAlertTakesOneHumanDispositionWhichIsLogged_R7() {
        UUID entry = watchFor("3ALR102");
        OffsetDateTime capturedAt = minutesAgo(3);
        UUID read = storeRead("3ALR102", NORTH_CAMERA, capturedAt);
        UUID alert = Fixtures.raiseAlert(read, capturedAt, NORTH_CAMERA, entry);

        as(OFFICER).queryParam("open", true).get("/v1/alerts").then().statusCode(200)
                .body("id", hasItem(alert.toString()));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "misread", "note", "Plate reads 3ALR162"))
                .post("/v1/alerts/{id}/disposition", alert)
                .then().statusCode(200).body("disposition", equalTo("misread")).body("disposedBy", equalTo(OFFICER));
        Map<String, Object> logged = lastAudit();
        assertEquals("alert.disposition", logged.get("action"));
        assertEquals(alert.toString(), logged.get("target"));

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
        as(OFFICER).queryParam("purpose", "hotlist-response").get("/v1/reads/{id}", read).then().statusCode(200)
                .body("alerts[0].disposition", equalTo("misread"));
    }

    @Test
    void officerSearchesDirectlyForAPurposeWithoutCaseNumberUnderTheTownPolicy_R10_R25() {
        UUID read = storeRead("3ALR103", NORTH_CAMERA, minutesAgo(4));
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "hotlist-response", "plate", Map.of("text", "3ALR103"),
                        "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then().statusCode(200).body("reads.id", hasItem(read.toString()));
        Map<String, Object> logged = lastAudit();
        assertEquals("Santa Clara County Sheriff's Office", logged.get("agency"));
        assertEquals("hotlist-response", logged.get("purpose"));
    }
}
