package city.alpr.audit.breaches;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * R24: the custodian records an incident, its public notice is served without sign-in and stays at least 30 days,
 * and the notifications to the media and the state Office of Information Security are tracked with their dates.
 */
@QuarkusTest
class BreachNoticeTest {

    @Test
    void incidentNoticeAndNotificationsR24() {
        Instant discovered = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = as(MANAGER).contentType(ContentType.JSON).body(Map.of("title", "Gateway secret exposed",
                "description", "A gateway client secret appeared in a vendor ticket.", "discoveredAt", discovered.toString(),
                "dataKinds", List.of("plate-reads", "images"), "affectedCount", 1200))
                .post("/v1/breaches").then().statusCode(201)
                .body("outstanding", equalTo(List.of("public-notice", "media", "state-office-of-information-security")))
                .extract().path("id");
        assertEquals("breach.record", StackDatabase.lastAudit().get("action"));

        as(MANAGER).contentType(ContentType.JSON).body(Map.of("title", "Notice of a data security incident",
                "body", "On November 21 the City learned..."))
                .post("/v1/breaches/" + id + "/notice").then().statusCode(200)
                .body("outstanding", equalTo(List.of("media", "state-office-of-information-security")));
        given().get("/v1/public/breach-notices").then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.title", equalTo("Notice of a data security incident"))
                .body("find { it.id == '" + id + "' }.body", not(containsString("vendor ticket")));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("title", "Again", "body", "Again"))
                .post("/v1/breaches/" + id + "/notice").then().statusCode(409);

        as(MANAGER).post("/v1/breaches/" + id + "/notice/withdrawal").then().statusCode(409)
                .body("detail", containsString("at least 30 days"));
        assertThrows(IllegalStateException.class, () -> StackDatabase.execute(
                "update breach_incident set notice_withdrawn_at = now() where id = ?::uuid", id));

        for (String recipient : List.of("media", "state-office-of-information-security")) {
            as(MANAGER).contentType(ContentType.JSON)
                    .body(Map.of("recipient", recipient, "recipientName", "Recipient of " + recipient,
                            "notifiedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "method", "email"))
                    .post("/v1/breaches/" + id + "/notifications").then().statusCode(201);
        }
        as(AUDITOR).get("/v1/breaches/" + id).then().statusCode(200).body("outstanding", equalTo(List.of()))
                .body("notifications.recipient", hasItems("media", "state-office-of-information-security"));

        StackDatabase.execute("update breach_incident set notice_posted_at = now() - interval '31 days' where id = ?::uuid",
                id);
        as(MANAGER).post("/v1/breaches/" + id + "/notice/withdrawal").then().statusCode(200)
                .body("noticeWithdrawnAt", org.hamcrest.Matchers.notNullValue());
        given().get("/v1/public/breach-notices").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void badIncidentsAndNotificationsAreRefusedWithEachFieldNamedR24() {
        long before = StackDatabase.count("select count(*) from breach_incident");
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("title", "", "description", "x",
                "discoveredAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "dataKinds", List.of()))
                .post("/v1/breaches").then().statusCode(400).body("violations.field", hasItems("title", "dataKinds"));
        assertEquals(before, StackDatabase.count("select count(*) from breach_incident"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("recipient", "twitter", "recipientName", "x",
                "notifiedAt", Instant.now().toString(), "method", "post"))
                .post("/v1/breaches/00000000-0000-0000-0000-000000000000/notifications").then().statusCode(400)
                .body("violations.field", hasItems("recipient"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("recipient", "media", "recipientName", "x",
                "notifiedAt", Instant.now().toString(), "method", "post"))
                .post("/v1/breaches/00000000-0000-0000-0000-000000000000/notifications").then().statusCode(404);
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("title", "t", "description", "d",
                "discoveredAt", Instant.now().toString(), "dataKinds", List.of("images")))
                .post("/v1/breaches").then().statusCode(403);
    }
}
