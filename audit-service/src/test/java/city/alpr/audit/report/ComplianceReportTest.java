package city.alpr.audit.report;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.OFFICER;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R18: the report shows, per section of the policy in force, its live evidence and what needs attention. */
@QuarkusTest
class ComplianceReportTest {

    @Test
    void reportShowsLiveEvidencePerPolicySectionR18() {
        StackDatabase
                .execute("insert into data_key (day, wrapped_key) values (current_date - 40, '\\x01') on conflict do nothing");
        StackDatabase.execute("""
                insert into purge_receipt (id, started_at, finished_at, cutoff, days, counts, keys_destroyed, outcome)
                values (gen_random_uuid(), now() - interval '1 hour', now() - interval '59 minutes', now() - interval '30 days',
                        array[current_date - 31], '{"plate_read": 1000}', array[current_date - 31], 'completed')""");
        as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        JsonPath report = as(MANAGER).get("/v1/audit/report").then().statusCode(200)
                .body("policyProfile", equalTo("wildomar-cs3"))
                .body("sections.id", hasItem("retention")).extract().jsonPath();
        assertEquals("CS3 sections 3 and 9", report.getString("sections.find { it.id == 'retention' }.policy"));
        assertEquals(30, report.getInt("sections.find { it.id == 'retention' }.evidence.retentionDays"));
        assertEquals("completed", report.getString("sections.find { it.id == 'retention' }.evidence.lastPurge.outcome"));
        assertTrue(report.getBoolean("sections.find { it.id == 'access-log' }.evidence.lastVerification.intact"));
        assertEquals(List.of(), report.getList("sections.find { it.id == 'access-log' }.attention").stream()
                .filter(item -> item.toString().contains("broken")).toList());
        assertEquals(List.of("R16", "R17"), report.getList("sections.find { it.id == 'access-log' }.requirements"));
        assertEquals("audit.report.view", StackDatabase.lastAudit().get("action"));
        as(OFFICER).get("/v1/audit/report").then().statusCode(403);
    }

    @Test
    void eachSectionShowsItsEvidenceUnderTheSameFieldsR18() {
        JsonPath report = as(AUDITOR).get("/v1/audit/report").then().statusCode(200).extract().jsonPath();
        Map<String, Set<String>> fields = Map.ofEntries(
                Map.entry("retention", Set.of("retentionDays", "oldestDayHeld", "oldestReadHeld", "readsBeyondRetention",
                        "dayKeysDestroyed", "lastPurge")),
                Map.entry("access-log", Set.of("lastSeq", "retentionYears", "lastVerification", "latestCheckpoint",
                        "expiredThrough", "oldestUnsignedAt")),
                Map.entry("purpose", Set.of("days", "grantedByPurpose", "grantedWithoutCaseNumber", "refused", "daily")),
                Map.entry("training", Set.of("usersWithCurrentTraining", "expiringWithin30Days",
                        "refusedUntrainedLast30Days")),
                Map.entry("access-control", Set.of("activeContractorGrants", "pendingLawEnforcementRequests",
                        "approvedRequestsInForce", "refusedLast30Days")),
                Map.entry("exports", Set.of("exportsLast30Days", "readsExportedLast30Days", "refusedExportsLast30Days")),
                Map.entry("sharing", Set.of("activeAgencies", "recipientsLast30Days")),
                Map.entry("hotlists", Set.of("activeEntries", "alertsLast30Days", "awaitingDispositionOver24Hours",
                        "dispositionsLast30Days", "feeds")),
                Map.entry("audits", Set.of("lastRun", "runsAwaitingSignOff", "findingsLast365Days")),
                Map.entry("breaches", Set.of("incidents", "noticesPosted", "withoutNotice",
                        "withoutMediaOrStateNotification")));
        assertEquals(List.of("retention", "access-log", "purpose", "training", "access-control", "exports", "sharing",
                "hotlists", "audits", "breaches"), report.getList("sections.id"));
        fields.forEach((section, expected) -> assertEquals(expected,
                report.getMap("sections.find { it.id == '" + section + "' }.evidence").keySet(), section));
        assertEquals(30, report.getInt("sections.find { it.id == 'purpose' }.evidence.days"));
        assertTrue(report.get("sections.find { it.id == 'retention' }.evidence.readsBeyondRetention") instanceof Boolean);
        assertTrue(report.get("sections.find { it.id == 'breaches' }.evidence.incidents") instanceof Number);
    }

    @Test
    void thePurposeSectionCountsEachDaysSearchesByPurposeAndItsRefusalsForTheCharts_R9_R18() {
        OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withHour(12);
        String day = yesterday.toLocalDate().toString();
        JsonPath before = as(AUDITOR).get("/v1/audit/report").then().statusCode(200).extract().jsonPath();
        LogTable.appendAsOf(yesterday, "chart.deputy", "read.search", "granted", "prosecution", "CHART-1", "{}");
        LogTable.appendAsOf(yesterday.plusMinutes(1), "chart.deputy", "read.search", "granted", "prosecution", "CHART-2",
                "{}");
        LogTable.appendAsOf(yesterday.plusMinutes(2), "chart.deputy", "read.view", "granted", "prosecution", "CHART-2",
                "{}");
        LogTable.appendAsOf(yesterday.plusMinutes(3), "chart.deputy", "read.search", "refused", "prosecution", null,
                "{}");
        JsonPath after = as(AUDITOR).get("/v1/audit/report").then().statusCode(200).extract().jsonPath();

        String daily = "sections.find { it.id == 'purpose' }.evidence.daily";
        assertEquals(31, after.getList(daily).size(), "every UTC day the 30-day window reaches into, today included");
        assertEquals(2, count(after, daily + ".find { it.day == '" + day + "' }.searchesByPurpose.prosecution")
                - count(before, daily + ".find { it.day == '" + day + "' }.searchesByPurpose.prosecution"),
                "searches, not views");
        assertEquals(1, count(after, daily + ".find { it.day == '" + day + "' }.refused")
                - count(before, daily + ".find { it.day == '" + day + "' }.refused"));
        String dispositions = "sections.find { it.id == 'hotlists' }.evidence.dispositionsLast30Days";
        assertEquals(Set.of("confirmed", "misread", "dismissed", "open"), after.getMap(dispositions).keySet());
    }

    private static long count(JsonPath report, String path) {
        Object value = report.get(path);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void aHotlistFeedWhoseFileIsLateIsFlaggedInTheReport_R6_R18() {
        String name = "report-feed-" + java.util.UUID.randomUUID();
        StackDatabase.execute("""
                with list as (insert into hotlist (id, name, kind, created_by)
                              values (gen_random_uuid(), ?, 'stolen-vehicle', 'feed:x') returning id)
                insert into hotlist_feed (name, layout, location, hotlist_id, stale_after, refreshed_at, file_sha256,
                                          file_modified_at, entries, checked_at)
                select ?, 'clew-svs', '/feeds/svs.tbl', id, interval '26 hours', now() - interval '3 days',
                       sha256('x'), now() - interval '3 days', 42, now() from list""", name, name);

        JsonPath report = as(MANAGER).get("/v1/audit/report").then().statusCode(200).extract().jsonPath();

        String feed = "sections.find { it.id == 'hotlists' }.evidence.feeds.find { it.name == '" + name + "' }";
        assertEquals(true, report.getBoolean(feed + ".stale"));
        assertEquals(42, report.getInt(feed + ".entries"));
        assertTrue(report.getList("sections.find { it.id == 'hotlists' }.attention").stream()
                .anyMatch(item -> item.toString().startsWith("hotlist feed " + name + " is stale")));
    }
}
