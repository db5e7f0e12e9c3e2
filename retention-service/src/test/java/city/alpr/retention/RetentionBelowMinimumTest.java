package city.alpr.retention;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R19: a policy configured with less than the minimum retention purges nothing, and the job exits failed. */
@QuarkusMainTest
@TestProfile(RetentionBelowMinimumTest.SevenDayPolicy.class)
class RetentionBelowMinimumTest {

    public static class SevenDayPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alpr.policies.wildomar-cs3.retention-days", "7");
        }
    }

    @Test
    @Launch(value = "purge", exitCode = 1)
    void aRetentionShorterThanTheMinimumPurgesNothingAndExitsFailedR19(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertEquals(1, result.exitCode());
        assertTrue(output.contains("purge failed (receipt "), output);
        assertTrue(output.contains("no expired days"), output);
        assertTrue(output.contains("the policy's retention of 7 days is shorter than the minimum of 30 days"), output);
    }
}
