package city.alpr.query.requests;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Wildomar CS3 §5: only the custodian has access until law enforcement requests it for a case (R10). */
@QuarkusTest
class AccessRequestTest {

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    private static Map<String, Object> search(String caseNumber, String plate) {
        return Map.of("purpose", "criminal-investigation", "caseNumber", caseNumber, "plate", Map.of("text", plate),
                "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString());
    }

    @Test
    void anApprovedRequestOpensThatCaseToOfficersAndEveryStepIsLogged_R10() {
        String caseNumber = "RSO-REQ-" + UUID.randomUUID().toString().substring(0, 8);
        UUID read = storeRead("8REQ101", NORTH_CAMERA, minutesAgo(5));
        as(OFFICER).contentType(ContentType.JSON).body(search(caseNumber, "8REQ101")).post("/v1/searches")
                .then().statusCode(403);

        String id = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", caseNumber, "purpose", "criminal-investigation",
                        "justification", "Vehicle seen leaving a burglary"))
                .post("/v1/requests").then().statusCode(201)
                .body("requestedBy", equalTo(OFFICER)).body("agency", equalTo("Riverside County Sheriff's Office"))
                .extract().path("id");
        assertEquals("request.file", lastAudit().get("action"));
        assertEquals(caseNumber, lastAudit().get("case_number"), "the log finds the request under its case");
        as(MANAGER).queryParam("pending", true).get("/v1/requests").then().statusCode(200).body("id", hasItem(id));
        as(OFFICER).contentType(ContentType.JSON).body(search(caseNumber, "8REQ101")).post("/v1/searches")
                .then().statusCode(403);

        as(MANAGER).contentType(ContentType.JSON).body(Map.of("approved", true, "validDays", 14))
                .post("/v1/requests/{id}/decision", id).then().statusCode(200)
                .body("approved", equalTo(true)).body("decidedBy", equalTo(MANAGER)).body("expiresAt", notNullValue());
        assertEquals("request.decide", lastAudit().get("action"));
        assertEquals(caseNumber, lastAudit().get("case_number"), "the log finds the decision under the case too");

        as(OFFICER).contentType(ContentType.JSON).body(search(caseNumber, "8REQ101")).post("/v1/searches")
                .then().statusCode(200).body("reads.id", contains(read.toString()));
        as(OFFICER).contentType(ContentType.JSON).body(search("RSO-OTHER-CASE", "8REQ101")).post("/v1/searches")
                .then().statusCode(403);

        as(MANAGER).contentType(ContentType.JSON).body(Map.of("approved", false))
                .post("/v1/requests/{id}/decision", id).then().statusCode(409);
    }

    @Test
    void officersSeeOnlyTheirOwnRequestsAndTheCustodianSeesAll_R10() {
        StackDatabase.execute("""
                insert into law_enforcement_request (id, case_number, purpose, justification, requested_by, agency)
                values (gen_random_uuid(), 'RSO-PRIVATE-1', 'prosecution', 'Another officer''s case', 'other-officer',
                        'Riverside County Sheriff''s Office')""");
        as(OFFICER).get("/v1/requests").then().statusCode(200)
                .body("caseNumber", not(hasItem("RSO-PRIVATE-1"))).body("requestedBy", everyItem(equalTo(OFFICER)));
        as(MANAGER).get("/v1/requests").then().statusCode(200).body("caseNumber", hasItem("RSO-PRIVATE-1"));
    }

    @Test
    void aDeniedRequestKeepsOfficersOut_R10() {
        String caseNumber = "RSO-DENY-" + UUID.randomUUID().toString().substring(0, 8);
        String id = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", caseNumber, "purpose", "prosecution", "justification", "Fishing"))
                .post("/v1/requests").then().statusCode(201).extract().path("id");
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("approved", false))
                .post("/v1/requests/{id}/decision", id).then().statusCode(200).body("expiresAt", equalTo(null));
        as(OFFICER).contentType(ContentType.JSON).body(search(caseNumber, "8REQ102")).post("/v1/searches")
                .then().statusCode(403);
    }

    @Test
    void onlyTheCustodianDecidesAndBadRequestsAreNamed_R3_R10() {
        String id = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", "RSO-SELF-1", "purpose", "prosecution", "justification", "Self-approval"))
                .post("/v1/requests").then().statusCode(201).extract().path("id");
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("approved", true))
                .post("/v1/requests/{id}/decision", id).then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("approved", true))
                .post("/v1/requests/{id}/decision", UUID.randomUUID()).then().statusCode(404);
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("approved", true, "validDays", 365))
                .post("/v1/requests/{id}/decision", id).then().statusCode(400)
                .body("violations[0].field", equalTo("validDays"));
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", "x", "purpose", "curiosity", "justification", ""))
                .post("/v1/requests").then().statusCode(400)
                .body("violations.field", contains("caseNumber", "justification"));
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", "RSO-OK-1", "purpose", "curiosity", "justification", "x"))
                .post("/v1/requests").then().statusCode(400).body("violations[0].field", equalTo("purpose"));
    }
}
