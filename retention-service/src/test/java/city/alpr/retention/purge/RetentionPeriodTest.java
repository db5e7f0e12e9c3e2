package city.alpr.retention.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R19: which days have outlived a 30-day retention, at the edges of a UTC day. */
class RetentionPeriodTest {

    private final RetentionPeriod thirtyDays = new RetentionPeriod(30, 30);

    @Test
    void justAfterMidnightTheDayThirtyOneDaysAgoExpires() {
        Instant night = Instant.parse("2026-11-23T00:00:00Z");

        assertEquals(LocalDate.parse("2026-10-24"), thirtyDays.firstRetainedDay(night));
        assertEquals(Instant.parse("2026-10-24T00:00:00Z"), thirtyDays.cutoff(night));
    }

    @Test
    void justBeforeMidnightTheSameDayIsStillRetained() {
        assertEquals(LocalDate.parse("2026-10-23"),
                thirtyDays.firstRetainedDay(Instant.parse("2026-11-22T23:59:59.999Z")));
    }

    @Test
    void everyExpiredReadIsAtLeastTheRetentionOldAtAnyMoment() {
        for (Instant now = Instant.parse("2026-11-22T00:00:00Z"); now
                .isBefore(Instant.parse("2026-11-24T00:00:00Z")); now = now.plusSeconds(1800)) {
            Instant lastExpired = thirtyDays.cutoff(now).minusNanos(1000);
            assertTrue(!lastExpired.plus(Duration.ofDays(30)).isAfter(now), "at " + now);
        }
    }

    @Test
    void aRetentionBelowTheMinimumIsRefused() {
        assertEquals("the policy's retention of 7 days is shorter than the minimum of 30 days"
                + " (alpr.retention.minimum-days); nothing was purged", new RetentionPeriod(7, 30).refusal().orElseThrow());
        assertTrue(thirtyDays.refusal().isEmpty());
    }
}
