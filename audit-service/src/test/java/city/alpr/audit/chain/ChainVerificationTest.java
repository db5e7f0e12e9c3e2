package city.alpr.audit.chain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R17: the access log is append-only for every service role and tamper-evident: each way of changing it behind
 * the services' backs, made here directly in the database as its superuser, is found by {@code GET /v1/audit/verify}.
 */
@QuarkusTest
class ChainVerificationTest {

    private long seqA;
    private long seqB;
    private long seqC;

    @BeforeEach
    void logWithCheckpoint() {
        seqA = LogTable.appendAsOf(OffsetDateTime.now().minusHours(3), "officer", "read.search", "granted",
                "criminal-investigation", "RSO-2026-1", "{\"plate\": \"7ABC123\", \"from\": \"2026-11-01\"}");
        seqB = LogTable.appendAsOf(OffsetDateTime.now().minusHours(2), "officer", "read.view", "granted",
                "criminal-investigation", "RSO-2026-1", "{\"readId\": \"b1\"}");
        seqC = LogTable.appendAsOf(OffsetDateTime.now().minusHours(1), "manager", "read.search", "refused",
                null, null, "{\"plate\": \"8XYZ999\"}");
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(201);
        verify().then().statusCode(200).body("intact", equalTo(true));
        LogTable.save();
    }

    @AfterEach
    void putTheLogBack() {
        LogTable.restore();
    }

    private static Response verify() {
        return as(AUDITOR).get("/v1/audit/verify");
    }

    /** Verifies a log that must be found broken, and returns what was found. */
    private static JsonPath breaks() {
        return verify().then().statusCode(200).body("intact", equalTo(false)).extract().jsonPath();
    }

    @Test
    void intactLogVerifiesAndTheVerificationIsRecordedAndLoggedR17() {
        long before = StackDatabase.count("select count(*) from audit_verification where intact");
        JsonPath result = verify().then().statusCode(200).body("intact", equalTo(true))
                .body("breaks.size()", equalTo(0)).body("checkpoints", greaterThan(0)).extract().jsonPath();
        assertEquals(StackDatabase.lastAuditSeq() - 1, result.getLong("lastSeq"), "the verify's own record comes after it");
        assertEquals(before + 1, StackDatabase.count("select count(*) from audit_verification where intact"));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("audit.log.verify", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        assertEquals("auditor", logged.get("username"));
    }

    @Test
    void editedRecordIsDetectedR17() {
        LogTable.tamper("update audit_event set case_number = 'RSO-2026-2' where seq = " + seqB);
        JsonPath result = breaks();
        assertEquals("altered", result.getString("breaks[0].kind"));
        assertEquals(seqB, result.getLong("breaks[0].seq"));
    }

    @Test
    void editedDataElementsAreDetectedR17() {
        LogTable.tamper(
                "update audit_event set data_elements = '{\"plate\": \"7ABC124\", \"from\": \"2026-11-01\"}' where seq = "
                        + seqA);
        assertEquals(List.of("altered"), breaks().getList("breaks.kind"));
    }

    @Test
    void deletedRecordIsDetectedR17() {
        LogTable.tamper("delete from audit_event where seq = " + seqB);
        JsonPath result = breaks();
        assertEquals("missing", result.getString("breaks[0].kind"));
        assertEquals("record " + seqB + " is missing", result.getString("breaks[0].detail"));
    }

    @Test
    void insertedRecordIsDetectedR17() {
        // room is made by moving the later records up one, and the forged record is linked to the one before it
        LogTable.tamper("update audit_event set seq = seq + 1000000 where seq > " + seqA,
                "update audit_event set seq = seq - 999999 where seq > 1000000",
                "insert into audit_event select " + (seqA + 1)
                        + ", occurred_at, service, action, outcome, 'someone-else', agency,"
                        + " role, purpose, case_number, data_elements, result_count, target, reason, client_address, hash,"
                        + " hash from audit_event where seq = " + seqA);
        JsonPath result = breaks();
        assertEquals(List.of("altered", "altered"), result.getList("breaks.kind").subList(0, 2));
        assertEquals(List.of(seqA + 1, seqA + 2), result.getList("breaks.seq", Long.class).subList(0, 2),
                "the forged record, and the one moved up to make room for it");
    }

    @Test
    void reorderedRecordsAreDetectedR17() {
        LogTable.tamper("update audit_event set seq = -1 where seq = " + seqA,
                "update audit_event set seq = " + seqA + " where seq = " + seqB,
                "update audit_event set seq = " + seqB + " where seq = -1");
        JsonPath result = breaks();
        assertEquals(seqA, result.getLong("breaks[0].seq"));
        assertTrue(result.getList("breaks.kind").containsAll(List.of("out-of-sequence", "altered")));
    }

    @Test
    void rewrittenChainWithRecomputedHashesFailsItsSignedCheckpointR17() {
        LogTable.tamperAndRechain("delete from audit_event where seq = " + seqB,
                "update audit_event set seq = seq + 1000000 where seq > " + seqB,
                "update audit_event set seq = seq - 1000001 where seq > 1000000");
        JsonPath result = breaks();
        assertEquals(List.of("checkpoint-mismatch"), result.getList("breaks.kind").stream().distinct().toList(),
                "every record matches its own hash again; only the signed checkpoint shows the rewrite");
    }

    @Test
    void recordsRemovedFromTheEndAreDetectedR17() {
        LogTable.tamper("delete from audit_event where seq >= " + seqC);
        JsonPath result = breaks();
        assertThat(result.getList("breaks.kind"), hasItem("truncated"));
    }

    @Test
    void forgedAndRemovedCheckpointsAreDetectedR17() {
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(201);
        LogTable.tamper("update audit_checkpoint set seq = seq - 1 where number = (select max(number) from audit_checkpoint)",
                "delete from audit_checkpoint where number = 1");
        List<String> kinds = breaks().getList("breaks.kind");
        assertTrue(kinds.contains("checkpoint-forged"), kinds.toString());
        assertTrue(kinds.contains("checkpoint-missing"), kinds.toString());
    }

    @Test
    void brokenChainIsNeverSignedR17() {
        LogTable.tamper("update audit_event set username = 'nobody' where seq = (select max(seq) from audit_event)");
        long checkpoints = StackDatabase.count("select count(*) from audit_checkpoint");
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(409)
                .body("detail", containsString("no checkpoint is signed over a broken chain"));
        assertEquals(checkpoints, StackDatabase.count("select count(*) from audit_checkpoint"));
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
    }

    @Test
    void checkpointSignsTheHeadR17() {
        long head = StackDatabase.lastAuditSeq();
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(201).body("seq", equalTo((int) head))
                .body("hash", equalTo(StackDatabase.text("select encode(hash, 'hex') from audit_event where seq = ?", head)));
        as(MANAGER).post("/v1/audit/checkpoints").then().statusCode(403);
        as(MANAGER).get("/v1/audit/checkpoints?limit=1").then().statusCode(200).body("size()", equalTo(1));
        as(MANAGER).get("/v1/audit/checkpoints?limit=0").then().statusCode(400);
    }

    @Test
    void textWithQuotesControlCharactersAndUnicodeVerifiesAsTheDatabaseHashedItR17() {
        LogTable.appendAsOf(OffsetDateTime.now().minusMinutes(5), "o'brien", "read.search", "granted",
                "criminal-investigation", "CASE/\"7\"", "{\"note\": \"tab\\there \\\\ back\\nline \\u0001 é ✓\", "
                        + "\"n\": 1.50, \"big\": 12345678901234567890, \"nested\": {\"b\": [1, {\"a\": null}], \"a\": true}}");
        verify().then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void everyRoleIncludingTheServicesIsRefusedUpdateAndDeleteR17() {
        for (String role : List.of("alpr_audit", "alpr_query", "alpr_ingest")) {
            SQLException update = assertThrows(SQLException.class,
                    () -> asRole(role, "update audit_event set reason = 'x' where seq = " + seqA));
            SQLException delete = assertThrows(SQLException.class,
                    () -> asRole(role, "delete from audit_event where seq = " + seqA));
            assertTrue(update.getMessage().contains("permission denied") || update.getMessage().contains("append-only"),
                    update.getMessage());
            assertTrue(delete.getMessage().contains("permission denied") || delete.getMessage().contains("append-only"),
                    delete.getMessage());
        }
        SQLException superuser = assertThrows(SQLException.class, () -> {
            try (Connection connection = StackDatabase.superuser(); Statement statement = connection.createStatement()) {
                statement.execute("delete from audit_event where seq = " + seqA);
            }
        });
        assertTrue(superuser.getMessage().contains("append-only"), superuser.getMessage());
        SQLException checkpoint = assertThrows(SQLException.class, () -> {
            try (Connection connection = StackDatabase.superuser(); Statement statement = connection.createStatement()) {
                statement.execute("update audit_checkpoint set seq = 1");
            }
        });
        assertTrue(checkpoint.getMessage().contains("append-only"), checkpoint.getMessage());
    }

    private static void asRole(String role, String sql) throws SQLException {
        try (Connection connection = StackDatabase.superuser(); Statement statement = connection.createStatement()) {
            statement.execute("set role " + role);
            statement.execute(sql);
        }
    }
}
