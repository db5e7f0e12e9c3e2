package city.alpr.query.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.PrometheusText;
import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.Json;

import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hotlist feeds (R6): the NCIC and California DOJ files are imported from their location on schedule and on demand,
 * each refresh replacing the feed's entries, every import and refusal logged with its counts, and a feed whose file is
 * late flagged as stale.
 */
@QuarkusTest
@TestProfile(FeedTest.Feeds.class)
class FeedTest {

    static final Path LOCATION = Path.of("target", "hotlist-feeds").toAbsolutePath();

    /** A feed of each layout, reading files the tests put in place; the schedule left to the tests to call. */
    public static class Feeds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("alpr.hotlist-feeds.check-every", "PT1H"),
                    Map.entry("alpr.hotlist-feeds.feeds.ncic.layout", "ncic"),
                    Map.entry("alpr.hotlist-feeds.feeds.ncic.file", LOCATION.resolve("ncic.txt").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-svs.layout", "clew-svs"),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-svs.file", LOCATION.resolve("svs.tbl").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-sfr.layout", "clew-sfr"),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-sfr.file", LOCATION.resolve("sfr.tbl").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-slr.layout", "clew-slr"),
                    Map.entry("alpr.hotlist-feeds.feeds.ca-slr.file", LOCATION.resolve("slr.tbl").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.late.layout", "clew-slr"),
                    Map.entry("alpr.hotlist-feeds.feeds.late.file", LOCATION.resolve("late.tbl").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.bounded.layout", "ncic"),
                    Map.entry("alpr.hotlist-feeds.feeds.bounded.file", LOCATION.resolve("bounded.txt.gz").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.bounded.max-file-bytes", "65536"),
                    Map.entry("alpr.hotlist-feeds.feeds.scheduled.layout", "clew-svs"),
                    Map.entry("alpr.hotlist-feeds.feeds.scheduled.file", LOCATION.resolve("scheduled.tbl").toString()),
                    Map.entry("alpr.hotlist-feeds.feeds.scheduled.refresh-every", "PT30M"));
        }
    }

    @Inject
    FeedRefresh schedule;

    @BeforeEach
    void prepare() throws IOException {
        Fixtures.prepare();
        Files.createDirectories(LOCATION);
    }

    static void place(String fixture, String file) {
        try (InputStream in = FeedTest.class.getResourceAsStream(fixture)) {
            Files.copy(in, LOCATION.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> refresh(String feed) {
        return as(MANAGER).post("/v1/hotlist-feeds/{name}/refresh", feed).then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    static List<Map<String, Object>> entries(Object hotlistId) {
        return as(MANAGER).get("/v1/hotlists/{id}/entries", hotlistId).then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    /** The feeds the wellness check names stale or refused. */
    private static long unwellFeeds() {
        Map<String, Object> feeds = RestAssured.get("/q/health/well").then().extract().jsonPath()
                .getMap("checks.find { it.name == 'hotlist-feeds' }.data");
        return feeds.values().stream().filter(state -> !"fresh".equals(state)).count();
    }

    private static String metrics() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static Map<String, Object> elements() {
        return Json.decodeValue((String) lastAudit().get("data_elements"), Map.class);
    }

    @Test
    void theCustodianRefreshesAnNcicFeedAndEachEntryKeepsItsRecordType_R6() {
        place("ncic-extract.txt", "ncic.txt");

        Map<String, Object> feed = refresh("ncic");

        assertEquals(7, feed.get("entries"));
        assertEquals(false, feed.get("stale"));
        assertEquals(FeedRefresh.ACTION, lastAudit().get("action"));
        assertEquals("granted", lastAudit().get("outcome"));
        assertEquals(MANAGER, lastAudit().get("username"));
        Map<String, Object> logged = elements();
        assertEquals("imported", logged.get("result"));
        assertEquals(7, logged.get("entries"));
        assertEquals(1, logged.get("duplicates"));
        assertEquals(Map.of("sex-offender", 1), logged.get("skippedByRecordType"));
        assertEquals(64, ((String) logged.get("sha256")).length());
        List<Map<String, Object>> entries = entries(feed.get("hotlistId"));
        assertEquals(Map.of("AB123456", "stolen-vehicle", "7ABC123", "stolen-plate", "8XYZ789", "felony-vehicle",
                "123ABC", "wanted-person", "6TRM042", "amber-alert", "GGX6728", "missing-person", "ABCD123",
                "stolen-vehicle"),
                entries.stream().collect(Collectors.toMap(
                        entry -> (String) entry.get("plate"), entry -> (String) entry.get("recordType"))));
        Map<String, Object> first = entries.stream().filter(entry -> entry.get("plate").equals("AB123456")).findFirst()
                .orElseThrow();
        assertEquals("NCIC", first.get("source"));
        assertEquals("feed:ncic", first.get("owner"));
        assertEquals("US-CA", first.get("region"));

    }

    @Test
    void aRefreshReplacesTheFeedsEntries_anEntryMissingFromTheNewFileStopsMatching_R6() {
        place("ncic-extract.txt", "ncic.txt");
        Map<String, Object> before = refresh("ncic");
        Map<String, String> idsBefore = ids(entries(before.get("hotlistId")));

        place("ncic-extract-next-day.txt", "ncic.txt");
        Map<String, Object> after = refresh("ncic");
        Map<String, Object> logged = elements();

        Map<String, String> idsAfter = ids(entries(after.get("hotlistId")));
        assertEquals(false, idsAfter.containsKey("7ABC123"), "the recovered plate no longer matches");
        assertTrue(idsAfter.containsKey("9NEW001"));
        assertEquals(idsBefore.get("AB123456"), idsAfter.get("AB123456"), "an entry still in the file keeps its id");
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_entry where id = ?::uuid and removed_at is not null "
                + "and removed_by = 'feed:ncic'", idsBefore.get("7ABC123")));
        assertEquals(1, logged.get("added"));
        assertEquals(6, logged.get("kept"));
        assertEquals(1, logged.get("ended"));
    }

    static Map<String, String> ids(List<Map<String, Object>> entries) {
        return entries.stream().collect(Collectors.toMap(entry -> (String) entry.get("plate"),
                entry -> (String) entry.get("id")));
    }

    @Test
    void aMalformedFileIsRefusedWholeNamingTheLine_andTheLastImportStaysInForce_R6() {
        place("ncic-extract.txt", "ncic.txt");
        Object hotlistId = refresh("ncic").get("hotlistId");
        long active = StackDatabase.count(
                "select count(*) from hotlist_entry where hotlist_id = ?::uuid and removed_at is null",
                hotlistId.toString());

        place("ncic-unknown-record-type.txt", "ncic.txt");
        as(MANAGER).post("/v1/hotlist-feeds/{name}/refresh", "ncic").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].index", equalTo(3)).body("violations[0].field", equalTo("line"))
                .body("violations[0].message", equalTo("line 3: record type 'Q' is not an NCIC record type"));

        assertEquals(active, StackDatabase.count(
                "select count(*) from hotlist_entry where hotlist_id = ?::uuid and removed_at is null", hotlistId.toString()));
        Map<String, Object> logged = elements();
        assertEquals("refused", logged.get("result"));
        assertEquals(3, logged.get("line"));
        as(MANAGER).get("/v1/hotlist-feeds").then().statusCode(200)
                .body("find { it.name == 'ncic' }.failure", startsWith("line 3"))
                .body("find { it.name == 'ncic' }.entries", equalTo(7));
    }

    @Test
    void eachCaliforniaFileFillsItsHotlistWithItsRecordType_andACutShortFileIsRefused_R6() {
        place("svs.tbl", "svs.tbl");
        place("sfr.tbl", "sfr.tbl");
        place("slr.tbl", "slr.tbl");
        assertEquals(List.of("stolen-vehicle"), recordTypes(refresh("ca-svs")));
        assertEquals(List.of("felony-vehicle"), recordTypes(refresh("ca-sfr")));
        assertEquals(List.of("stolen-plate"), recordTypes(refresh("ca-slr")));
        as(MANAGER).get("/v1/hotlists").then().statusCode(200)
                .body("find { it.name == 'feed:ca-sfr' }.kind", equalTo("wanted"))
                .body("find { it.name == 'feed:ca-svs' }.kind", equalTo("stolen-vehicle"));

        place("sfr-cut-short.tbl", "sfr.tbl");
        as(MANAGER).post("/v1/hotlist-feeds/{name}/refresh", "ca-sfr").then().statusCode(422)
                .body("detail", containsString("TOTAL RECORD trailer"));
        place("svs-count-mismatch.tbl", "svs.tbl");
        as(MANAGER).post("/v1/hotlist-feeds/{name}/refresh", "ca-svs").then().statusCode(422)
                .body("violations[0].index", equalTo(5));
    }

    static List<Object> recordTypes(Map<String, Object> feed) {
        return entries(feed.get("hotlistId")).stream().map(entry -> entry.get("recordType")).distinct().toList();
    }

    @Test
    void aFeedWhoseFileIsLateIsFlaggedStaleInHealthAndTheList_R6() throws IOException {
        // the stack's database outlives a run: what an earlier run imported last must be older than this file
        StackDatabase.execute("update hotlist_feed set file_modified_at = now() - interval '4 days' where name = 'late'");
        place("slr.tbl", "late.tbl");
        Files.setLastModifiedTime(LOCATION.resolve("late.tbl"), FileTime.from(Instant.now().minus(3, ChronoUnit.DAYS)));

        assertEquals(true, refresh("late").get("stale"));
        RestAssured.get("/q/health/well").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'hotlist-feeds' }.data.late", startsWith("stale since"));
        // the operators' alert watches the count of stale feeds (k8s/monitoring/)
        long stale = unwellFeeds();
        assertTrue(stale >= 1);
        PrometheusText.await(FeedTest::metrics, "alpr_hotlist_feeds_stale", count -> count == stale);

        Files.setLastModifiedTime(LOCATION.resolve("late.tbl"), FileTime.from(Instant.now()));
        assertEquals(false, refresh("late").get("stale"));
        RestAssured.get("/q/health/well").then()
                .body("checks.find { it.name == 'hotlist-feeds' }.data.late", equalTo("fresh"));
        assertEquals(stale - 1, unwellFeeds());
        PrometheusText.await(FeedTest::metrics, "alpr_hotlist_feeds_stale", count -> count == stale - 1);
    }

    @Test
    void aFileOlderThanTheOneImportedLastIsNotImportedOverIt_R6() throws IOException {
        place("ncic-extract-next-day.txt", "ncic.txt");
        Object hotlistId = refresh("ncic").get("hotlistId");
        place("ncic-extract.txt", "ncic.txt");
        Files.setLastModifiedTime(LOCATION.resolve("ncic.txt"), FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)));

        refresh("ncic");

        assertEquals("superseded", elements().get("result"));
        assertEquals(false, ids(entries(hotlistId)).containsKey("7ABC123"),
                "an older file read late (another replica, a slow transfer) does not put back what the newer ended");
    }

    @Test
    void theScheduleReadsAFeedWhenDue_andAnUnchangedFileIsNotImportedTwice_R6() {
        place("svs.tbl", "scheduled.tbl");
        Instant now = Instant.now();
        long logged = StackDatabase.count(
                "select count(*) from audit_event where action = ? and data_elements->>'feed' = 'scheduled'",
                FeedRefresh.ACTION);

        schedule.refreshDue(now).await().indefinitely();

        assertEquals("query-service", lastAudit().get("username"));
        assertEquals("scheduler", lastAudit().get("role"));
        Map<String, Object> scheduled = feeds().get("scheduled");
        assertEquals(3, scheduled.get("entries"));
        assertEquals(logged + 1, StackDatabase.count(
                "select count(*) from audit_event where action = ? and data_elements->>'feed' = 'scheduled'",
                FeedRefresh.ACTION));

        schedule.refreshDue(now.plus(40, ChronoUnit.MINUTES)).await().indefinitely();
        assertEquals(scheduled.get("refreshedAt"), feeds().get("scheduled").get("refreshedAt"),
                "an unchanged file is not imported again");
        assertEquals(logged + 1, StackDatabase.count(
                "select count(*) from audit_event where action = ? and data_elements->>'feed' = 'scheduled'",
                FeedRefresh.ACTION));
    }

    static Map<String, Map<String, Object>> feeds() {
        List<Map<String, Object>> feeds = as(MANAGER).get("/v1/hotlist-feeds").then().statusCode(200).extract()
                .jsonPath().getList("");
        return feeds.stream().collect(Collectors.toMap(feed -> (String) feed.get("name"), feed -> feed));
    }

    @Test
    void aGzipFileThatUnzipsBeyondTheBoundIsRefusedNotInflated_R6() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(LOCATION.resolve("bounded.txt.gz")))) {
            byte[] line = "V123456789LA057020020190509AB123456  CA2009MC2009YAMACYLMCBLK\n".getBytes();
            for (int i = 0; i < 20_000; i++) {
                out.write(line);
            }
        }
        as(MANAGER).post("/v1/hotlist-feeds/{name}/refresh", "bounded").then().statusCode(422)
                .body("violations[0].field", equalTo("file"))
                .body("detail", containsString("more than 65536 bytes"));
    }

    @Test
    void theServiceRoleCannotPointAFeedAtAPersonsHotlist_R6_R23() throws Exception {
        place("sfr.tbl", "sfr.tbl");
        refresh("ca-sfr");
        try (Connection query = StackDatabase.asServiceRole();
                PreparedStatement repoint = query.prepareStatement(
                        "update hotlist_feed set hotlist_id = hotlist_id where name = 'ca-sfr'")) {
            SQLException denied = assertThrows(SQLException.class, repoint::executeUpdate,
                    "a refresh writes what it read, never which hotlist the feed fills");
            assertEquals("42501", denied.getSQLState());
        }
    }

    @Test
    void anOfficerCannotRefreshAFeed_andTheRefusalIsLogged_R6() {
        as(OFFICER).post("/v1/hotlist-feeds/{name}/refresh", "ncic").then().statusCode(403);
        assertEquals(FeedRefresh.ACTION, lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void noOneSlipsAnEntryIntoAFeedsHotlist_R6_R29() {
        String case_ = "RSO-2026-0912";
        Fixtures.approveRequest(case_);
        place("sfr.tbl", "sfr.tbl");
        Object hotlistId = refresh("ca-sfr").get("hotlistId");

        as(OFFICER).contentType(ContentType.JSON).body(List.of(Fixtures.entry("5EVIL01", case_)))
                .post("/v1/hotlists/{id}/entries", hotlistId).then().statusCode(409)
                .body("detail", containsString("filled by a hotlist feed"));
        assertEquals("refused", lastAudit().get("outcome"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_entry where hotlist_id = ?::uuid and owner = ?",
                hotlistId.toString(), OFFICER));
    }

    @Test
    void anAlertOnAFeedEntrySaysWhatTheRecordIsAndWhatMatched_R6_R7() {
        place("sfr.tbl", "sfr.tbl");
        Object hotlistId = refresh("ca-sfr").get("hotlistId");
        String entryId = (String) entries(hotlistId).getFirst().get("id");
        OffsetDateTime capturedAt = Fixtures.minutesAgo(5);
        UUID readId = Fixtures.storeRead("8XYZ789", Fixtures.NORTH_CAMERA, capturedAt);
        UUID alertId = Fixtures.raiseAlert(readId, capturedAt, Fixtures.NORTH_CAMERA, UUID.fromString(entryId),
                "candidate");

        as(MANAGER).get("/v1/alerts").then().statusCode(200)
                .body("find { it.id == '" + alertId + "' }.recordType", equalTo("felony-vehicle"))
                .body("find { it.id == '" + alertId + "' }.matchKind", equalTo("candidate"));
    }
}
