package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a camera counts as silent, as a plain rule (R21). */
class CameraHealthTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime SILENT_BEFORE = NOW.minusMinutes(15);

    @Test
    void anActiveCameraNeitherReadingNorBeatingSinceTheThresholdIsSilent_R21() {
        CameraHealth health = CameraHealth.of("cam", "site", "gw", true, NOW.minusHours(2), NOW.minusMinutes(20), 0,
                SILENT_BEFORE);
        assertTrue(health.silent());
        assertEquals(NOW.minusMinutes(20), health.lastSeenAt(), "the newer of the last read and heartbeat");
    }

    @Test
    void aHeartbeatAloneKeepsACameraAlive_R21() {
        assertFalse(CameraHealth.of("cam", "site", "gw", true, null, NOW.minusMinutes(1), 0, SILENT_BEFORE).silent());
        assertTrue(CameraHealth.of("cam", "site", "gw", true, null, null, 0, SILENT_BEFORE).silent(),
                "never seen at all");
    }

    @Test
    void anInactiveCameraIsNeverSilent_R21() {
        assertFalse(CameraHealth.of("cam", "site", "gw", false, null, null, 0, SILENT_BEFORE).silent());
    }
}
