package city.alpr.retention;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job as the CronJob runs it: {@code purge}, once, with an exit status that says whether it completed (R19).
 * What a run does to the tables, receipts and log is {@link city.alpr.retention.purge.PurgeTest}'s subject.
 */
@QuarkusMainTest
class RetentionCommandTest {

    @Test
    @Launch("purge")
    void purgeRunsOnceAndExitsZeroWhenNothingOlderThanRetentionRemainsR19(LaunchResult result) {
        assertEquals(0, result.exitCode());
        assertTrue(result.getOutput().contains("purge completed (receipt "), result.getOutput());
        assertTrue(result.getOutput().contains("(30 days before "), result.getOutput());
    }

    @Test
    @Launch(value = "purge-everything", exitCode = 2)
    void anUnknownCommandIsRefusedWithUsage(LaunchResult result) {
        assertTrue((result.getOutput() + result.getErrorOutput()).contains("run with 'purge' to purge once and exit"),
                result.getOutput() + result.getErrorOutput());
    }
}
