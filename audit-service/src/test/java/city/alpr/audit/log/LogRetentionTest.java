package city.alpr.audit.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R17 with the log's own retention: records older than the configured years (3) leave as a prefix of the chain,
 * the remaining chain still verifies from the anchor, and the database refuses to remove anything under two years.
 */
@QuarkusTest
class LogRetentionTest {

    @Inject
    LogRetention retention;

    @BeforeEach
    void save() {
        LogTable.save();
    }

    @AfterEach
    void restore() {
        LogTable.restore();
    }

    @Test
    void recordsBeyondRetentionLeaveAndTheRestStillVerifiesR17() {
        long old = LogTable.appendAsOf(OffsetDateTime.now().minusYears(5), "retired.deputy", "read.search", "granted",
                "criminal-investigation", "OLD-2021-1", "{}");
        long recent = LogTable.appendAsOf(OffsetDateTime.now().minusYears(1), "deputy", "read.search", "granted",
                "criminal-investigation", "NEW-2025-1", "{}");
        // everything before the old record is dated before it as well, as the log would be after years of use
        LogTable.tamperAndRechain("delete from audit_checkpoint",
                "update audit_event set occurred_at = occurred_at - interval '6 years' where seq < " + old);

        long removed = retention.expire(Instant.now()).await().indefinitely();

        assertEquals(old, removed, "every record up to the five-year-old one");
        assertEquals(0, StackDatabase.count("select count(*) from audit_event where seq <= ?", old));
        assertEquals(1, StackDatabase.count("select count(*) from audit_event where seq = ?", recent));
        assertEquals(old, StackDatabase.count("select through_seq from audit_expiry order by id desc limit 1"));
        assertEquals("audit.log.expire", StackDatabase.lastAudit().get("action"));
        as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("startsAfter", equalTo((int) old)).body("firstSeq", equalTo((int) old + 1));
    }

    @Test
    void theDatabaseRefusesToRemoveRecordsYoungerThanTwoYearsR17() {
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection connection = StackDatabase.asServiceRole(); Statement statement = connection.createStatement()) {
                statement.execute("select audit_event_expire(now() - interval '1 year')");
            }
        });
        assertTrue(refused.getMessage().contains("kept at least two years"), refused.getMessage());
    }
}
