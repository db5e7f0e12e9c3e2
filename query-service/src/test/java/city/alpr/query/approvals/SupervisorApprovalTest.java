package city.alpr.query.approvals;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.SupervisedPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.SERGEANT;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R31, under the test policy that turns it on: an officer's criminal investigation needs a supervisor's approval
 * naming the officer, the case and the purpose; it expires, can be revoked, and every step is logged.
 */
@QuarkusTest
@TestProfile(SupervisedPolicy.class)
class SupervisorApprovalTest {

    private static final String INVESTIGATION = "criminal-investigation";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    private static String newCase() {
        return "TPD-SUP-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse search(String user, String caseNumber, String plate) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("purpose", INVESTIGATION, "caseNumber", caseNumber, "plate", Map.of("text", plate),
                        "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then();
    }

    private static ValidatableResponse approve(String supervisor, String officer, String caseNumber,
            Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("officer", officer, "caseNumber", caseNumber,
                "purpose", INVESTIGATION, "justification", "Burglary at 21 Elm St."));
        body.putAll(more);
        return as(supervisor).contentType(ContentType.JSON).body(body).post("/v1/approvals").then();
    }

    @Test
    void anOfficerSearchesForAnInvestigationOnlyWithASupervisorsApprovalForThatCase_R31() {
        String caseNumber = newCase();
        UUID read = storeRead("7SUP101", NORTH_CAMERA, minutesAgo(5));

        search(OFFICER, caseNumber, "7SUP101").statusCode(403).body("detail", containsString("supervisor"));
        Map<String, Object> refused = lastAudit();
        assertEquals("read.search", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertTrue(refused.get("reason").toString().contains("supervisor"), "the log says why: " + refused);

        String id = approve(SERGEANT, OFFICER, caseNumber, Map.of("validHours", 8)).statusCode(201)
                .body("officer", equalTo(OFFICER)).body("approvedBy", equalTo(SERGEANT))
                .body("agency", equalTo("Santa Clara County Sheriff's Office")).body("expiresAt", notNullValue())
                .extract().path("id");
        Map<String, Object> granted = lastAudit();
        assertEquals("approval.grant", granted.get("action"));
        assertEquals("granted", granted.get("outcome"));
        assertEquals(SERGEANT, granted.get("username"));
        assertEquals(caseNumber, granted.get("case_number"), "the log finds the approval under its case");
        assertEquals(id, granted.get("target"));
        assertTrue(granted.get("data_elements").toString().contains("\"officer\": \"officer\""), granted.toString());
        assertTrue(granted.get("data_elements").toString().contains(INVESTIGATION), granted.toString());

        search(OFFICER, caseNumber, "7SUP101").statusCode(200).body("reads.id", contains(read.toString()));
        assertEquals("granted", lastAudit().get("outcome"));
        search(OFFICER, newCase(), "7SUP101").statusCode(403);
    }

    @Test
    void anApprovalOpensNothingToAnotherOfficerNorAnotherPurposeNorTheReadsOfAnotherCase_R31() {
        String caseNumber = newCase();
        UUID read = storeRead("7SUP201", NORTH_CAMERA, minutesAgo(5));
        approve(SERGEANT, OFFICER, caseNumber, Map.of()).statusCode(201);

        // the supervisor who approved it holds it for someone else, not for themselves
        search(SERGEANT, caseNumber, "7SUP201").statusCode(403);
        assertEquals(SERGEANT, lastAudit().get("username"));
        assertEquals("refused", lastAudit().get("outcome"));
        // viewing a read is an access for the purpose too
        as(OFFICER).queryParam("purpose", INVESTIGATION).queryParam("caseNumber", newCase())
                .get("/v1/reads/{id}", read).then().statusCode(403);
        as(OFFICER).queryParam("purpose", INVESTIGATION).queryParam("caseNumber", caseNumber)
                .get("/v1/reads/{id}", read).then().statusCode(200).body("plate", equalTo("7SUP201"));
    }

    @Test
    void anOfficerCannotWatchAPlateForAnInvestigationWithoutTheApproval_R29_R31() {
        String hotlist = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("name", "Custom " + UUID.randomUUID(), "kind", "custom"))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
        String unapproved = newCase();
        as(OFFICER).contentType(ContentType.JSON).body(List.of(Fixtures.entry("7SUPW01", unapproved)))
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        assertEquals(unapproved, lastAudit().get("case_number"));
        approve(SERGEANT, OFFICER, unapproved, Map.of()).statusCode(201);
        as(OFFICER).contentType(ContentType.JSON).body(List.of(Fixtures.entry("7SUPW01", unapproved)))
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(201);
    }

    @Test
    void onlyASupervisorApprovesAndNeverTheirOwnAccess_R31() {
        String caseNumber = newCase();
        approve(OFFICER, SERGEANT, caseNumber, Map.of()).statusCode(403)
                .body("detail", containsString("sheriff-supervisor"));
        assertEquals("approval.grant", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
        assertEquals(OFFICER, lastAudit().get("username"));

        approve(SERGEANT, SERGEANT, caseNumber, Map.of()).statusCode(403).body("detail", containsString("own"));
        approve(SERGEANT, "Sergeant", caseNumber, Map.of()).statusCode(403).body("detail", containsString("own"));
        assertEquals("refused", lastAudit().get("outcome"));
        approve(MANAGER, OFFICER, caseNumber, Map.of()).statusCode(403);
        assertEquals(0, StackDatabase.count("select count(*) from supervisor_approval where case_number = ?",
                caseNumber));
    }

    @Test
    void anApprovalNamesAPurposeThatNeedsOneAndLastsNoLongerThanThePolicyAllows_R31() {
        String caseNumber = newCase();
        approve(SERGEANT, OFFICER, caseNumber, Map.of("purpose", "hotlist-response")).statusCode(400)
                .body("violations.field", contains("purpose"))
                .body("violations[0].message", containsString(INVESTIGATION));
        approve(SERGEANT, OFFICER, caseNumber, Map.of("purpose", "curiosity")).statusCode(400)
                .body("violations.field", contains("purpose"));
        approve(SERGEANT, OFFICER, caseNumber, Map.of("validHours", SupervisedPolicy.MAX_HOURS + 1)).statusCode(400)
                .body("violations.field", contains("validHours"));
        assertEquals("refused", lastAudit().get("outcome"));
        approve(SERGEANT, OFFICER, "no spaces", Map.of()).statusCode(400).body("violations.field",
                hasItem("caseNumber"));
        approve(SERGEANT, OFFICER, caseNumber, Map.of()).statusCode(201);
        assertEquals(1, StackDatabase.count("""
                select count(*) from supervisor_approval where case_number = ?
                   and expires_at between approved_at + interval '47 hours 59 minutes' and approved_at + interval '48 hours'""",
                caseNumber), "by default an approval lasts the policy's longest");
    }

    @Test
    void anExpiredOrRevokedApprovalOpensNothing_R31() {
        String expired = newCase();
        storeRead("7SUP301", NORTH_CAMERA, minutesAgo(5));
        StackDatabase.execute("""
                insert into supervisor_approval (id, officer, case_number, purpose, justification, approved_by, agency,
                                                 approved_at, expires_at)
                values (?, 'officer', ?, 'criminal-investigation', 'Fixture', 'sergeant', 'Sheriff',
                        now() - interval '3 days', now() - interval '1 day')""", UUID.randomUUID(), expired);
        search(OFFICER, expired, "7SUP301").statusCode(403);

        String revokedCase = newCase();
        String id = approve(SERGEANT, OFFICER, revokedCase, Map.of()).statusCode(201).extract().path("id");
        search(OFFICER, revokedCase, "7SUP301").statusCode(200);
        as(OFFICER).post("/v1/approvals/{id}/revocation", id).then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        as(SERGEANT).post("/v1/approvals/{id}/revocation", id).then().statusCode(200)
                .body("id", contains(id)).body("[0].revokedBy", equalTo(SERGEANT))
                .body("[0].revokedAt", notNullValue());
        assertEquals("approval.revoke", lastAudit().get("action"));
        assertEquals(revokedCase, lastAudit().get("case_number"));
        search(OFFICER, revokedCase, "7SUP301").statusCode(403);
        as(MANAGER).post("/v1/approvals/{id}/revocation", id).then().statusCode(409);
        as(MANAGER).post("/v1/approvals/{id}/revocation", UUID.randomUUID()).then().statusCode(404);
        assertEquals("refused", lastAudit().get("outcome"), "revoking nothing is not logged as done");

        String custodianRevokes = newCase();
        String other = approve(SERGEANT, OFFICER, custodianRevokes, Map.of()).statusCode(201).extract().path("id");
        as(MANAGER).post("/v1/approvals/{id}/revocation", other).then().statusCode(200)
                .body("[0].revokedBy", equalTo(MANAGER));
    }

    @Test
    void revokingAnApprovalRevokesEveryOtherOfTheSameOfficerCaseAndPurpose_R31() {
        String caseNumber = newCase();
        storeRead("7SUP501", NORTH_CAMERA, minutesAgo(5));
        String first = approve(SERGEANT, OFFICER, caseNumber, Map.of()).statusCode(201).extract().path("id");
        String second = approve(SERGEANT, OFFICER, caseNumber, Map.of("validHours", 4)).statusCode(201)
                .extract().path("id");
        as(SERGEANT).post("/v1/approvals/{id}/revocation", first).then().statusCode(200)
                .body("id", contains(first, second));
        assertEquals("2", lastAudit().get("result_count"));
        search(OFFICER, caseNumber, "7SUP501").statusCode(403);
    }

    @Test
    void anOfficerWhoseApprovalEndsNoLongerReceivesTheAlertsOfThePlateTheyWatch_R29_R31() {
        String caseNumber = newCase();
        String approval = approve(SERGEANT, OFFICER, caseNumber, Map.of()).statusCode(201).extract().path("id");
        UUID entry = Fixtures.watch("custom", "7SUPA01", caseNumber);
        OffsetDateTime at = minutesAgo(2);
        UUID read = storeRead("7SUPA01", NORTH_CAMERA, at);
        UUID alert = Fixtures.raiseAlert(read, at, NORTH_CAMERA, entry);
        as(OFFICER).get("/v1/alerts").then().statusCode(200).body("id", hasItem(alert.toString()));
        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", alert)
                .get("/v1/reads/{id}", read).then().statusCode(200);

        as(SERGEANT).post("/v1/approvals/{id}/revocation", approval).then().statusCode(200);

        as(OFFICER).get("/v1/alerts").then().statusCode(200).body("id", not(hasItem(alert.toString())));
        as(OFFICER).queryParam("purpose", "hotlist-response").queryParam("alertId", alert)
                .get("/v1/reads/{id}", read).then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("disposition", "dismissed"))
                .post("/v1/alerts/{id}/disposition", alert).then().statusCode(403);
        as(MANAGER).get("/v1/alerts").then().statusCode(200).body("id", hasItem(alert.toString()));
    }

    @Test
    void officersSeeTheApprovalsNamingOrGivenByThemAndTheCustodianSeesAll_R31() {
        String mine = approve(SERGEANT, OFFICER, newCase(), Map.of()).statusCode(201).extract().path("id");
        String someoneElses = approve(SERGEANT, "another-officer", newCase(), Map.of()).statusCode(201)
                .extract().path("id");
        as(OFFICER).queryParam("current", true).get("/v1/approvals").then().statusCode(200)
                .body("id", hasItem(mine)).body("id", not(hasItem(someoneElses)))
                .body("officer", everyItem(equalTo(OFFICER)));
        assertEquals("approval.list", lastAudit().get("action"));
        as(SERGEANT).get("/v1/approvals").then().statusCode(200).body("id", hasItem(mine))
                .body("id", hasItem(someoneElses));
        as(MANAGER).get("/v1/approvals").then().statusCode(200).body("id", hasItem(someoneElses));
    }

    @Test
    void theCustodianNeedsNoSupervisor_R31() {
        String caseNumber = newCase();
        UUID read = storeRead("7SUP401", NORTH_CAMERA, minutesAgo(5));
        search(MANAGER, caseNumber, "7SUP401").statusCode(200).body("reads.id", contains(read.toString()));
    }
}
