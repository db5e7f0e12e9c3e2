package city.alpr.audit.governance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.OFFICER;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The governance records query-service enforces: training (R11), the contractor's written grants (R8) and the
 * agencies data may be shared with (R14). The custodian keeps them, compliance staff read them, every change is
 * logged, and bad input is refused naming each field with nothing stored.
 */
@QuarkusTest
class GovernanceTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void custodianRecordsTrainingAndItCountsAsCurrentR11() {
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "new.deputy", "course", "ALPR privacy, CS3 s.4",
                "completedAt", NOW.minus(1, ChronoUnit.DAYS).toString(), "expiresAt",
                NOW.plus(365, ChronoUnit.DAYS).toString()))
                .post("/v1/governance/training").then().statusCode(201).body("current", equalTo(true))
                .body("recordedBy", equalTo("manager"));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("governance.training.record", logged.get("action"));
        assertTrue(logged.get("data_elements").toString().contains("new.deputy"));
        as(AUDITOR).queryParam("username", "new.deputy").queryParam("current", true).get("/v1/governance/training")
                .then().statusCode(200).body("size()", equalTo(1));
        assertEquals(1, StackDatabase.count("""
                select count(*) from training_record where username = 'new.deputy' and expires_at > now()"""));
    }

    @Test
    void badTrainingIsRefusedWithEachFieldNamedR11() {
        long before = StackDatabase.count("select count(*) from training_record");
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "bad name!", "course", "",
                "completedAt", NOW.toString(), "expiresAt", NOW.toString()))
                .post("/v1/governance/training").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("username", "course"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "deputy", "course", "ALPR",
                "completedAt", NOW.plus(1, ChronoUnit.DAYS).toString(), "expiresAt", NOW.toString()))
                .post("/v1/governance/training").then().statusCode(400)
                .body("violations.field", hasItems("completedAt", "expiresAt"));
        as(MANAGER).contentType(ContentType.JSON)
                .body("{\"username\": \"deputy\", \"course\": \"x\", \"completedAt\": \"soon\"}")
                .post("/v1/governance/training").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, StackDatabase.count("select count(*) from training_record"));
    }

    @Test
    void onlyTheCustodianRecordsTrainingAndTheRefusalIsLoggedR8() {
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("username", "auditor", "course", "self-certified",
                "completedAt", NOW.toString(), "expiresAt", NOW.plus(1, ChronoUnit.DAYS).toString()))
                .post("/v1/governance/training").then().statusCode(403);
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        assertEquals("auditor", StackDatabase.lastAudit().get("username"));
        as(OFFICER).get("/v1/governance/training").then().statusCode(403);
    }

    @Test
    void contractorGrantIsTimeLimitedAndRevocableR8() {
        String id = as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "contractor", "caseNumber", "RSO-G-1",
                "documentReference", "City Clerk file CM-2026-118", "startsAt", NOW.toString(),
                "endsAt", NOW.plus(30, ChronoUnit.DAYS).toString()))
                .post("/v1/governance/contractor-grants").then().statusCode(201).body("active", equalTo(true))
                .extract().path("id");
        assertEquals("governance.grant.create", StackDatabase.lastAudit().get("action"));
        as(AUDITOR).queryParam("active", true).get("/v1/governance/contractor-grants").then().statusCode(200)
                .body("id", hasItem(id));
        as(MANAGER).post("/v1/governance/contractor-grants/" + id + "/revocation").then().statusCode(200)
                .body("active", equalTo(false)).body("revokedBy", equalTo("manager"));
        as(MANAGER).post("/v1/governance/contractor-grants/" + id + "/revocation").then().statusCode(409);
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        as(MANAGER).post("/v1/governance/contractor-grants/00000000-0000-0000-0000-000000000000/revocation")
                .then().statusCode(404);
        assertEquals(0, StackDatabase.count("""
                select count(*) from contractor_grant where username = 'contractor' and case_number = 'RSO-G-1'
                   and revoked_at is null and starts_at <= now() and ends_at > now()"""));
    }

    @Test
    void badGrantsAreRefusedWithEachFieldNamedR8() {
        long before = StackDatabase.count("select count(*) from contractor_grant");
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "contractor", "caseNumber", "?",
                "documentReference", "", "startsAt", NOW.toString(), "endsAt", NOW.minus(1, ChronoUnit.DAYS).toString()))
                .post("/v1/governance/contractor-grants").then().statusCode(400)
                .body("violations.field", hasItems("caseNumber", "documentReference"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("username", "contractor", "caseNumber", "RSO-G-2",
                "documentReference", "memo", "startsAt", NOW.toString(), "endsAt", NOW.plus(400, ChronoUnit.DAYS).toString()))
                .post("/v1/governance/contractor-grants").then().statusCode(400).body("violations.field", hasItems("endsAt"));
        assertEquals(before, StackDatabase.count("select count(*) from contractor_grant"));
    }

    @Test
    void agenciesAreRegisteredOnceAndDeactivatedNotRemovedR14() {
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("id", "oc-da", "name", "Orange County District Attorney",
                "kind", "prosecutorial", "state", "CA", "level", "local"))
                .post("/v1/governance/agencies").then().statusCode(201).body("active", equalTo(true))
                .body("level", equalTo("local")).body("publicAgency", equalTo(true));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("id", "oc-da", "name", "Again", "kind", "prosecutorial",
                "state", "CA", "level", "local"))
                .post("/v1/governance/agencies").then().statusCode(409);
        as(MANAGER).post("/v1/governance/agencies/oc-da/deactivation").then().statusCode(200).body("active", equalTo(false));
        assertEquals("governance.agency.deactivate", StackDatabase.lastAudit().get("action"));
        as(AUDITOR).get("/v1/governance/agencies").then().statusCode(200).body("id", hasItem("oc-da"));
        as(MANAGER).post("/v1/governance/agencies/oc-da/reactivation").then().statusCode(200).body("active", equalTo(true));
        as(MANAGER).post("/v1/governance/agencies/nowhere/deactivation").then().statusCode(404);
        as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("id", "X", "name", "", "kind", "vigilante", "state", "California"))
                .post("/v1/governance/agencies").then().statusCode(400)
                .body("violations.field", hasItems("id", "name", "kind", "state", "level"));
    }

    @Test
    void aFederalOfficeIsRegisteredAsFederalAndNoFlagMakesItPublic_R34() {
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("id", "fbi-sd", "name", "FBI San Diego field office",
                "kind", "law-enforcement", "state", "CA", "level", "federal"))
                .post("/v1/governance/agencies").then().statusCode(201).body("publicAgency", equalTo(false));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("id", "fbi-sf", "name", "FBI San Francisco field office",
                "kind", "law-enforcement", "state", "CA", "level", "federal", "publicAgency", true))
                .post("/v1/governance/agencies").then().statusCode(400).body("violations[0].field", equalTo("publicAgency"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("id", "fbi-la", "name", "FBI Los Angeles field office",
                "kind", "law-enforcement", "state", "CA", "level", "county"))
                .post("/v1/governance/agencies").then().statusCode(400).body("violations[0].field", equalTo("level"));
    }
}
