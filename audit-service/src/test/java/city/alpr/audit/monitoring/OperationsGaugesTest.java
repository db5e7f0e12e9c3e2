package city.alpr.audit.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.DoublePredicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import city.alpr.audit.signins.IdentityEventCopier;
import city.alpr.audit.support.LogTable;
import city.alpr.localstack.PrometheusText;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the operators' alert rules (k8s/monitoring/) watch of the access log and the purge (R17, R19): each gauge
 * follows the database within a refresh, and a scrape queries nothing.
 */
@QuarkusTest
class OperationsGaugesTest {

    @Test
    void aVerificationThatFindsTheChainBrokenDropsTheChainGauge_R17() {
        Instant before = Instant.now().minusSeconds(1);
        assertTrue(as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).extract().<Boolean> path("intact"),
                "the log is intact before the intruder");
        await("alpr_access_log_chain_intact", intact -> intact == 1);
        await("alpr_access_log_last_verified_timestamp_seconds", seconds -> seconds >= before.getEpochSecond());

        long seq = LogTable.appendAsOf(OffsetDateTime.now().minusMinutes(5), "gauge.deputy", "read.search", "granted",
                "criminal-investigation", "GAUGE-2", "{}");
        LogTable.save();
        try {
            LogTable.tamper("update audit_event set case_number = 'GAUGE-3' where seq = " + seq);
            assertFalse(as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).extract().<Boolean> path("intact"));
            await("alpr_access_log_chain_intact", intact -> intact == 0);
        } finally {
            LogTable.restore();
        }
        as(AUDITOR).get("/v1/audit/verify").then().statusCode(200);
        await("alpr_access_log_chain_intact", intact -> intact == 1);
    }

    @Test
    void recordsNoCheckpointCoversAgeUntilOneIsSigned_R17() {
        LogTable.appendAsOf(OffsetDateTime.now().minusDays(2), "gauge.deputy", "read.search", "granted",
                "criminal-investigation", "GAUGE-1", "{}");
        await("alpr_access_log_unsigned_age_seconds", age -> age >= Duration.ofDays(2).toSeconds());
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(201);
        await("alpr_access_log_unsigned_age_seconds", age -> age < Duration.ofHours(1).toSeconds());
    }

    @Test
    void aFailedPurgeRaisesItsGaugeAndTheNextCompletedOneLowersIt_R19() {
        receipt("failed");
        await("alpr_purge_last_failed", failed -> failed == 1);
        Instant completed = Instant.now().minusSeconds(1);
        receipt("completed");
        await("alpr_purge_last_failed", failed -> failed == 0);
        await("alpr_purge_last_completed_timestamp_seconds", at -> at >= completed.getEpochSecond());
    }

    @Inject
    IdentityEventCopier copier;

    @Test
    void theSignInCopyReportsWhenItLastCopied_CJIS_5_4_1_1() {
        Instant before = Instant.now().minusSeconds(1);
        copier.copyNew().await().indefinitely();
        await("alpr_identity_events_last_copy_timestamp_seconds", at -> at >= before.getEpochSecond());
    }

    private static void receipt(String outcome) {
        StackDatabase.execute("""
                insert into purge_receipt (id, started_at, finished_at, cutoff, days, counts, keys_destroyed, outcome,
                                           detail)
                values (?, now() - interval '1 second', clock_timestamp(), now() - interval '30 days', '{}', '{}', '{}', ?,
                        ?)""", UUID.randomUUID(), outcome, "failed".equals(outcome) ? "a test's failed purge" : null);
    }

    private static void await(String gauge, DoublePredicate expected) {
        PrometheusText.await(OperationsGaugesTest::metrics, gauge, expected);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
