package city.alpr.audit.publicrecords;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.OFFICER;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R32: the reports compliance staff hand out under the Public Records Act, as JSON and CSV, in the columns such
 * requests ask for; each report is logged. A day of its own (10 February 2025) holds what each test counts.
 */
@QuarkusTest
@TestProfile(PublicRecordsTest.ThreeRowsPerReport.class)
class PublicRecordsTest {

    /** Reports of at most three accesses, so that a period holding more is refused here without 50,000 records. */
    public static class ThreeRowsPerReport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alpr.log.max-export-rows", "3");
        }
    }

    private static final OffsetDateTime DAY = OffsetDateTime.of(2025, 2, 10, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String FROM = "2025-02-10T00:00:00Z";
    private static final String TO = "2025-02-11T00:00:00Z";

    @Test
    void theAccessLogReportListsEveryAccessToAlprDataInTheColumnsRequestsAskFor_R32() {
        LogTable.appendAsOf(DAY, "pr.deputy", "read.search", "granted", "criminal-investigation", "PR-CASE-1",
                "{\"plate\": \"PRX123\", \"from\": \"2025-02-09T00:00:00Z\", \"cameras\": [\"CAM-1\", \"CAM-2\"]}");
        LogTable.appendAsOf(DAY.plusMinutes(1), "pr.deputy", "read.view", "refused", null, null,
                "{\"readId\": \"7c2f\"}");
        LogTable.appendAsOf(DAY.plusMinutes(2), "pr.deputy", "hotlist.list", "granted", null, null, "{}");

        JsonPath report = as(AUDITOR).queryParam("from", FROM).queryParam("to", TO)
                .get("/v1/audit/public-records/access-log").then().statusCode(200)
                .body("accesses.name", contains("pr.deputy", "pr.deputy"))
                .body("accesses.action", contains("read.search", "read.view")).extract().jsonPath();
        Map<String, Object> search = report.getMap("accesses[0]");
        assertEquals("2025-02-10T09:00:00Z", search.get("date"));
        assertEquals("Riverside County Sheriff's Office", search.get("agency"));
        assertEquals("criminal-investigation", search.get("purpose"));
        assertEquals("PR-CASE-1", search.get("caseNumber"));
        assertEquals(1, search.get("resultCount"));
        assertEquals("PRX123", report.getString("accesses[0].dataQueried.plate"));
        assertEquals("refused", report.getString("accesses[1].outcome"));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("audit.public-records.access-log", logged.get("action"));
        assertEquals(AUDITOR, logged.get("username"));
        assertEquals("2", logged.get("result_count"));
        assertTrue(logged.get("data_elements").toString().contains(FROM), logged.toString());

        String csv = as(MANAGER).queryParam("from", FROM).queryParam("to", TO)
                .get("/v1/audit/public-records/access-log.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals("name,date,agency,purpose,case_number,data_queried,result_count,action,outcome", lines.get(0));
        assertEquals("\"pr.deputy\",\"2025-02-10T09:00:00Z\",\"Riverside County Sheriff's Office\","
                + "\"criminal-investigation\",\"PR-CASE-1\",\"plate: PRX123; from: 2025-02-09T00:00:00Z; "
                + "cameras: CAM-1, CAM-2\",\"1\",\"read.search\",\"granted\"", lines.get(1));
        assertEquals(3, lines.size(), "the hotlist listing is no access to ALPR data: " + csv);
        assertEquals("audit.public-records.access-log.csv", StackDatabase.lastAudit().get("action"));
    }

    @Test
    void aPeriodIsRequiredAndOneHoldingMoreThanAReportMayIsRefusedNamingIt_R32() {
        as(AUDITOR).queryParam("to", TO).get("/v1/audit/public-records/access-log").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("from"));
        as(AUDITOR).queryParam("from", "last tuesday").queryParam("to", TO).get("/v1/audit/public-records/sharing")
                .then().statusCode(400).body("violations.field", contains("from"));
        as(AUDITOR).queryParam("from", TO).queryParam("to", FROM).get("/v1/audit/public-records/access-log.csv")
                .then().statusCode(400).body("violations.field", contains("to"));

        OffsetDateTime busy = OffsetDateTime.of(2025, 2, 12, 9, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 4; i++) {
            LogTable.appendAsOf(busy.plusMinutes(i), "pr.busy", "read.search", "granted", "criminal-investigation",
                    "PR-BUSY", "{}");
        }
        as(AUDITOR).queryParam("from", "2025-02-12T00:00:00Z").queryParam("to", "2025-02-13T00:00:00Z")
                .get("/v1/audit/public-records/access-log").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
    }

    @Test
    void onlyComplianceStaffAndTheCustodianProduceTheReports_R32() {
        for (String path : List.of("access-log", "access-log.csv", "sharing", "sharing/reads.csv",
                "sharing/hotlists.csv")) {
            as(OFFICER).queryParam("from", FROM).queryParam("to", TO).get("/v1/audit/public-records/" + path).then()
                    .statusCode(403);
            assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        }
        as(OFFICER).get("/v1/audit/public-records/yearly-totals").then().statusCode(403);
    }

    @Test
    void theSharingReportListsTheAgenciesReadsWentToAndApartTheHotlistsBySource_R32() {
        String agency = "pr-da-" + UUID.randomUUID().toString().substring(0, 6);
        StackDatabase.execute("insert into agency (id, name, kind, state, level, registered_by) values "
                + "(?, 'Public Records County DA', 'prosecutorial', 'CA', 'local', 'manager')", agency);
        for (boolean transferred : new boolean[] { true, false }) {
            UUID export = UUID.randomUUID();
            StackDatabase.execute("""
                    insert into evidence_export (id, created_by, agency, purpose, case_number, read_count,
                                                 manifest_sha256, signature, package_sha256, package_expires_at, created_at)
                    values (?, 'manager', 'City of Wildomar', 'criminal-investigation', 'PR-SHARE', 3, 'm', 's', 'p',
                            ?, ?)""", export, DAY.plusDays(7), DAY);
            StackDatabase.execute("""
                    insert into data_share (id, agency_id, purpose, case_number, export_id, read_count, shared_by,
                                            shared_at, ownership_transferred)
                    values (?, ?, 'prosecution', 'PR-SHARE', ?, 3, 'manager', ?, ?)""", UUID.randomUUID(), agency,
                    export, DAY, transferred);
        }
        String feed = "pr-feed-" + UUID.randomUUID().toString().substring(0, 6);
        StackDatabase.execute("""
                with list as (insert into hotlist (id, name, kind, created_by)
                              values (gen_random_uuid(), ?, 'stolen-vehicle', 'feed:x') returning id)
                insert into hotlist_feed (name, layout, location, hotlist_id, stale_after, refreshed_at, file_sha256,
                                          file_modified_at, entries, checked_at)
                select ?, 'clew-svs', '/feeds/svs.tbl', id, interval '26 hours', now(), sha256('x'), now(), 0, now()
                from list""", "feed:" + feed, feed);
        UUID typedList = UUID.randomUUID();
        StackDatabase.execute("insert into hotlist (id, name, kind, created_by) values (?, ?, 'custom', 'officer')",
                typedList, "PR typed " + typedList);
        String source = "PR source " + UUID.randomUUID().toString().substring(0, 6);
        UUID entry = entry(typedList, source, DAY);
        entry(typedList, source, DAY.minusDays(30));
        StackDatabase.execute("select ensure_partitions(?::date, ?::date)", DAY.toLocalDate(), DAY.toLocalDate());
        StackDatabase.execute("""
                insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind,
                                           raised_at, disposition, disposed_by, disposed_at)
                values (?, ?, ?, 'CAM-PR', ?, ?, 'plate', ?, 'confirmed', 'manager', ?)""", UUID.randomUUID(), DAY,
                UUID.randomUUID(), entry, typedList, DAY, DAY);

        JsonPath report = as(AUDITOR).queryParam("from", FROM).queryParam("to", TO)
                .get("/v1/audit/public-records/sharing").then().statusCode(200).extract().jsonPath();
        Map<String, Object> shared = report.getMap("reads.find { it.agencyId == '" + agency + "' }");
        assertEquals("Public Records County DA", shared.get("agency"));
        assertEquals(2, shared.get("shares"));
        assertEquals(6, shared.get("reads"));
        assertEquals(1, shared.get("ownershipTransferred"));
        assertEquals(List.of("prosecution"), shared.get("purposes"));
        Map<String, Object> typed = report.getMap("hotlists.find { it.source == '" + source + "' }");
        assertEquals("typed", typed.get("receivedAs"));
        assertEquals("custom", typed.get("hotlistKind"));
        assertEquals(2, typed.get("entriesActive"));
        assertEquals(1, typed.get("entriesAdded"));
        assertEquals(1, typed.get("hits"));
        assertEquals("feed (clew-svs)", report.getString("hotlists.find { it.source == '" + feed + "' }.receivedAs"));
        assertEquals("audit.public-records.sharing", StackDatabase.lastAudit().get("action"));

        String reads = as(AUDITOR).queryParam("from", FROM).queryParam("to", TO)
                .get("/v1/audit/public-records/sharing/reads.csv").then().statusCode(200).extract().asString();
        assertTrue(reads.startsWith("agency_id,agency,kind,level,state,shares,reads,ownership_transferred,purposes\r\n"));
        assertTrue(reads.contains("\"" + agency + "\",\"Public Records County DA\",\"prosecutorial\",\"local\",\"CA\","
                + "\"2\",\"6\",\"1\",\"prosecution\"\r\n"), reads);
        String hotlists = as(AUDITOR).queryParam("from", FROM).queryParam("to", TO)
                .get("/v1/audit/public-records/sharing/hotlists.csv").then().statusCode(200).extract().asString();
        assertTrue(hotlists.startsWith("source,received_as,hotlist_kind,entries_active,entries_added,hits\r\n"));
        assertTrue(hotlists.contains("\"" + source + "\",\"typed\",\"custom\",\"2\",\"1\",\"1\"\r\n"), hotlists);
    }

    @Test
    void yearlyTotalsCountPurgedDaysAndSearchesByPurpose_R32() {
        JsonPath before = yearlyTotals();
        StackDatabase.execute("""
                insert into purged_day_rows (day, table_name, row_count) values
                    ('2023-05-01', 'plate_read', 1000), ('2023-05-01', 'hotlist_alert', 7),
                    ('2023-05-02', 'plate_read', 500), ('2023-05-01', 'read_image', 2000)
                on conflict (day, table_name) do update set row_count = purged_day_rows.row_count + excluded.row_count""");
        OffsetDateTime may = OffsetDateTime.of(2023, 5, 2, 10, 0, 0, 0, ZoneOffset.UTC);
        LogTable.appendAsOf(may, "pr.year", "read.search", "granted", "criminal-investigation", "PR-Y1", "{}");
        LogTable.appendAsOf(may.plusMinutes(1), "pr.year", "read.search", "granted", "criminal-investigation",
                "PR-Y2", "{}");
        LogTable.appendAsOf(may.plusMinutes(2), "pr.year", "read.search", "granted", "prosecution", "PR-Y3", "{}");
        LogTable.appendAsOf(may.plusMinutes(3), "pr.year", "read.search", "refused", "prosecution", null, "{}");
        LogTable.appendAsOf(may.plusMinutes(4), "pr.year", "read.view", "granted", "prosecution", "PR-Y3", "{}");

        JsonPath after = yearlyTotals();
        assertEquals(1500, figure(after, "readsCollected") - figure(before, "readsCollected"));
        assertEquals(7, figure(after, "hotlistHits") - figure(before, "hotlistHits"));
        assertEquals(3, figure(after, "searches") - figure(before, "searches"), "granted searches, not views or refusals");
        assertEquals(2, figure(after, "searchesByPurpose.'criminal-investigation'")
                - figure(before, "searchesByPurpose.'criminal-investigation'"));
        assertEquals(1, figure(after, "searchesByPurpose.prosecution") - figure(before, "searchesByPurpose.prosecution"));
        assertEquals("audit.public-records.yearly-totals", StackDatabase.lastAudit().get("action"));

        String csv = as(AUDITOR).get("/v1/audit/public-records/yearly-totals.csv").then().statusCode(200).extract()
                .asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertTrue(lines.get(0).startsWith("year,reads_collected,hotlist_hits,searches,searches_"), lines.get(0));
        assertTrue(lines.get(0).contains("searches_criminal-investigation"), lines.get(0));
        String line2023 = lines.stream().filter(line -> line.startsWith("\"2023\",")).findFirst().orElseThrow();
        assertTrue(line2023.startsWith("\"2023\",\"" + (long) figure(after, "readsCollected") + "\",\""
                + (long) figure(after, "hotlistHits") + "\""), line2023);
    }

    private static JsonPath yearlyTotals() {
        return as(AUDITOR).get("/v1/audit/public-records/yearly-totals").then().statusCode(200).extract().jsonPath();
    }

    /** A figure of 2023, or 0 if the year has none yet. */
    private static double figure(JsonPath totals, String path) {
        Object value = totals.get("years.find { it.year == 2023 }." + path);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static UUID entry(UUID hotlist, String source, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        StackDatabase.execute("""
                insert into hotlist_entry (id, hotlist_id, region, source, reason, case_number, owner, expires_at,
                                           created_by, created_at, sealed_plate, plate_index, plate_lookalike_index,
                                           purpose)
                values (?, ?, 'CA', ?, 'Reported stolen', 'PR-HOT', 'officer', now() + interval '7 days', 'officer', ?,
                        '\\x00', ?, ?, 'criminal-investigation')""", id, hotlist, source, createdAt,
                id.toString().getBytes(), id.toString().getBytes());
        return id;
    }
}
