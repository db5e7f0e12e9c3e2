package city.alpr.audit.log;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.OFFICER;
import static city.alpr.audit.support.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R16, R18: compliance staff search the access log by every field the law names, and export it as CSV. */
@QuarkusTest
class AccessLogSearchTest {

    private static final OffsetDateTime DAY = OffsetDateTime.of(2025, 3, 4, 12, 0, 0, 0, ZoneOffset.UTC);
    private static long plateSearch;

    @BeforeAll
    static void accesses() {
        plateSearch = LogTable.appendAsOf(DAY, "deputy.search", "read.search", "granted", "criminal-investigation",
                "RSO-LOG-1", "{\"plate\": \"7-log 123\", \"match\": \"EXACT\"}");
        LogTable.appendAsOf(DAY.plusMinutes(1), "deputy.search", "read.view", "granted", "criminal-investigation",
                "RSO-LOG-1", "{\"readId\": \"r-1\"}");
        LogTable.appendAsOf(DAY.plusMinutes(2), "deputy.other", "read.search", "refused", "prosecution", null,
                "{\"plate\": \"9ZZZ999\", \"note\": \"said \\\"hi\\\", then left\"}");
    }

    @Test
    void searchByPlateFindsItHoweverItWasTypedR18() {
        as(AUDITOR).queryParam("plate", "7LOG123").get("/v1/audit/events").then().statusCode(200)
                .body("records.size()", equalTo(1)).body("records[0].seq", equalTo((int) plateSearch))
                .body("records[0].username", equalTo("deputy.search")).body("records[0].caseNumber", equalTo("RSO-LOG-1"))
                .body("records[0].dataElements.plate", equalTo("7-log 123"))
                .body("records[0].clientAddress", equalTo("10.0.0.7"));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("audit.log.search", logged.get("action"));
        assertTrue(logged.get("data_elements").toString().contains("7LOG123"), "the search is logged with its filter");
    }

    @Test
    void filtersCombineByUserCaseActionOutcomePurposeAgencyAndTimeR18() {
        String from = DAY.minusHours(1).toInstant().toString();
        String to = DAY.plusHours(1).toInstant().toString();
        as(MANAGER).queryParams(Map.of("username", "deputy.search", "from", from, "to", to)).get("/v1/audit/events")
                .then().statusCode(200).body("records.action", equalTo(List.of("read.view", "read.search")));
        as(AUDITOR).queryParams(Map.of("caseNumber", "RSO-LOG-1", "action", "read.view")).get("/v1/audit/events")
                .then().statusCode(200).body("records.size()", equalTo(1));
        as(AUDITOR).queryParams(Map.of("outcome", "refused", "purpose", "prosecution", "action", "read.*",
                "agency", "Riverside County Sheriff's Office")).get("/v1/audit/events")
                .then().statusCode(200).body("records.username", equalTo(List.of("deputy.other")));
        as(AUDITOR).queryParams(Map.of("from", to)).queryParam("username", "deputy.search").get("/v1/audit/events")
                .then().statusCode(200).body("records.size()", equalTo(0));
    }

    @Test
    void pagesGoBackwardsWithoutGapsR18() {
        var first = as(AUDITOR).queryParam("action", "read.*").queryParam("limit", 1).get("/v1/audit/events")
                .then().statusCode(200).body("records.size()", equalTo(1)).extract().jsonPath();
        long before = first.getLong("before");
        as(AUDITOR).queryParam("action", "read.*").queryParam("limit", 1).queryParam("before", before).get("/v1/audit/events")
                .then().statusCode(200).body("records[0].seq", equalTo((int) (before - 1)));
    }

    @Test
    void csvExportQuotesEveryFieldAndIsLoggedR18() {
        String csv = as(AUDITOR).queryParam("username", "deputy.other").get("/v1/audit/events.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("access-log.csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[0].startsWith("seq,occurred_at,service,action,outcome,username"));
        assertTrue(lines[1].contains("\"deputy.other\""));
        assertTrue(lines[1].contains("said \\\"\"hi\\\"\", then left"), "quotes doubled inside a quoted field: " + lines[1]);
        assertEquals("audit.log.export", StackDatabase.lastAudit().get("action"));
        assertEquals("1", StackDatabase.lastAudit().get("result_count"));
    }

    @Test
    void badFiltersAreEachNamedAndNothingIsSearchedR18() {
        long before = StackDatabase.lastAuditSeq();
        as(AUDITOR).queryParams(Map.of("from", "yesterday", "outcome", "maybe", "plate", "###", "action", "DROP TABLE"))
                .get("/v1/audit/events").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("from", "outcome", "plate", "action"));
        as(AUDITOR).queryParams(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .get("/v1/audit/events.csv").then().statusCode(400).body("violations.field", hasItems("to"));
        as(AUDITOR).queryParam("limit", 5000).get("/v1/audit/events").then().statusCode(400);
        assertEquals(before, StackDatabase.lastAuditSeq());
    }

    @Test
    void officersAndAnonymousCallersCannotReadTheLogR16() {
        as(OFFICER).get("/v1/audit/events").then().statusCode(403).contentType("application/problem+json");
        Map<String, Object> refusal = StackDatabase.lastAudit();
        assertEquals("audit.log.search", refusal.get("action"));
        assertEquals("refused", refusal.get("outcome"));
        assertEquals("officer", refusal.get("username"));
        given().get("/v1/audit/events").then().statusCode(401);
        given().get("/v1/audit/events.csv").then().statusCode(401);
    }
}
