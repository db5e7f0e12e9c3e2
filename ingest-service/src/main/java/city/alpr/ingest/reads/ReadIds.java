package city.alpr.ingest.reads;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids of reads arriving together are
 * neighbours in the primary-key index, so inserts append to its right edge instead of touching random pages.
 */
final class ReadIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReadIds() {
    }

    static UUID next() {
        long millis = System.currentTimeMillis();
        long randomHigh = RANDOM.nextLong();
        long randomLow = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
