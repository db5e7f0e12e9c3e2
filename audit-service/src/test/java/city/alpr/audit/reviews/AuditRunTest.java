package city.alpr.audit.reviews;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R18: an audit run samples a period's accesses and flags vague purposes, off-hours use, unusual volume and
 * accesses without a case number; the reviewer records findings and signs off; the previous month's run starts on
 * schedule, once.
 */
@QuarkusTest
class AuditRunTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @Inject
    AuditRuns runs;

    @Test
    void runFlagsWhatTheReviewerMustSeeAndTakesFindingsUntilSignedOffR18() {
        ZonedDateTime day = ZonedDateTime.of(2024, 6, 12, 10, 0, 0, 0, PACIFIC);
        long placeholder = append(day, "deputy.a", "N/A");
        long night = append(day.withHour(2), "deputy.b", "RSO-R-1");
        long noCase = append(day.withHour(11), "deputy.c", null);
        for (int i = 0; i < 51; i++) {
            append(day.withHour(12).plusSeconds(i), "deputy.busy", "RSO-R-2");
        }
        JsonPath run = as(AUDITOR).contentType(ContentType.JSON).body(Map.of("from", day.withHour(0).toInstant().toString(),
                "to", day.withHour(0).plusDays(1).toInstant().toString(), "sampleSize", 5))
                .post("/v1/audit/runs").then().statusCode(201)
                .body("recordsExamined", equalTo(54)).body("flagged.sample", equalTo(5))
                .body("flagged.vague-purpose", equalTo(1)).body("flagged.off-hours", equalTo(1))
                .body("flagged.unusual-volume", equalTo(1)).body("flagged.no-case-number", equalTo(1))
                .body("seed", matchesPattern("\\d+"))
                .extract().jsonPath();
        String id = run.getString("id");
        assertEquals(placeholder, run.getLong("items.find { it.kind == 'vague-purpose' }.seq"));
        assertEquals(night, run.getLong("items.find { it.kind == 'off-hours' }.seq"));
        assertEquals(noCase, run.getLong("items.find { it.kind == 'no-case-number' }.seq"));
        assertTrue(run.getString("items.find { it.kind == 'unusual-volume' }.detail").contains("deputy.busy made 51"));
        assertEquals("audit.run.start", StackDatabase.lastAudit().get("action"));

        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("seq", placeholder, "severity", "concern",
                "finding", "Case number N/A: the deputy was reminded every search needs its case."))
                .post("/v1/audit/runs/" + id + "/findings").then().statusCode(201).body("findings.size()", equalTo(1));
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("seq", 1, "severity", "concern", "finding", "Outside the period"))
                .post("/v1/audit/runs/" + id + "/findings").then().statusCode(400).body("violations.field", hasItems("seq"));
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("severity", "catastrophe", "finding", ""))
                .post("/v1/audit/runs/" + id + "/findings").then().statusCode(400)
                .body("violations.field", hasItems("severity", "finding"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("severity", "observation", "finding", "I looked"))
                .post("/v1/audit/runs/" + id + "/findings").then().statusCode(403);

        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("conclusion", "Reviewed; one concern followed up."))
                .post("/v1/audit/runs/" + id + "/sign-off").then().statusCode(200).body("signedOffBy", equalTo("auditor"));
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("conclusion", "Again"))
                .post("/v1/audit/runs/" + id + "/sign-off").then().statusCode(409);
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("severity", "observation", "finding", "Late"))
                .post("/v1/audit/runs/" + id + "/findings").then().statusCode(409).body("detail", containsString("signed off"));
        as(MANAGER).get("/v1/audit/runs").then().statusCode(200).body("id", hasItems(id));
    }

    @Test
    void aRunSamplesWatchesOnPlatesAndAlertsToo_AndFlagsCustomEntriesWithoutACase_R18_R29() {
        ZonedDateTime day = ZonedDateTime.of(2024, 9, 18, 10, 0, 0, 0, PACIFIC);
        OffsetDateTime at = OffsetDateTime.ofInstant(day.toInstant(), PACIFIC);
        long uncased = LogTable.appendAsOf(at, "deputy.w", "hotlist.entry.add", "granted", null, null,
                "{\"kind\": \"custom\", \"plates\": [\"7WCH001\"]}");
        long cased = LogTable.appendAsOf(at.plusMinutes(1), "deputy.w", "hotlist.entry.add", "granted",
                "criminal-investigation", "RSO-W-1", "{\"kind\": \"custom\", \"plates\": [\"7WCH002\"]}");
        long delivered = LogTable.appendAsOf(at.plusMinutes(2), "deputy.w", "alert.delivered", "granted",
                "criminal-investigation", "RSO-W-1", "{\"via\": \"stream\"}");
        JsonPath run = as(AUDITOR).contentType(ContentType.JSON).body(Map.of("from", day.withHour(0).toInstant().toString(),
                "to", day.withHour(0).plusDays(1).toInstant().toString(), "sampleSize", 10))
                .post("/v1/audit/runs").then().statusCode(201)
                .body("recordsExamined", equalTo(3)).body("flagged.sample", equalTo(3))
                .body("flagged.custom-entry-without-case", equalTo(1))
                .extract().jsonPath();
        assertEquals(List.of(uncased, cased, delivered).stream().sorted().toList(),
                run.getList("items.findAll { it.kind == 'sample' }.seq", Long.class).stream().sorted().toList());
        assertEquals(uncased, run.getLong("items.find { it.kind == 'custom-entry-without-case' }.seq"));
    }

    @Test
    void badPeriodsAreRefusedR18() {
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post("/v1/audit/runs").then().statusCode(400).body("violations.field", hasItems("to"));
        as(AUDITOR).contentType(ContentType.JSON).body(Map.of("from", "2020-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z",
                "sampleSize", 5000))
                .post("/v1/audit/runs").then().statusCode(400).body("violations.field", hasItems("sampleSize"));
        as(AUDITOR).get("/v1/audit/runs/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void previousMonthsRunStartsOnScheduleOnceR18() {
        Instant firstOfMonth = ZonedDateTime.of(2024, 8, 1, 6, 0, 0, 0, PACIFIC).toInstant();
        assertTrue(runs.startMonthly(firstOfMonth).await().indefinitely().isPresent());
        assertTrue(runs.startMonthly(firstOfMonth).await().indefinitely().isEmpty(), "a second replica starts no second run");
        assertEquals(1, StackDatabase.count("""
                select count(*) from audit_run where scheduled and period_from = '2024-07-01T00:00:00-07:00'
                   and period_to = '2024-08-01T00:00:00-07:00'"""));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals(List.of("audit.run.start", "audit-service"), List.of(logged.get("action"), logged.get("username")));
    }

    private static long append(ZonedDateTime at, String username, String caseNumber) {
        return LogTable.appendAsOf(OffsetDateTime.ofInstant(at.toInstant(), PACIFIC), username, "read.search", "granted",
                "criminal-investigation", caseNumber, "{}");
    }
}
