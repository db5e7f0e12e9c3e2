package city.alpr.ingest.reads;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadIdsTest {

    @Test
    void idsAreVersion7AndOrderedByTime() throws InterruptedException {
        UUID first = ReadIds.next();
        Thread.sleep(2);
        UUID later = ReadIds.next();
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertTrue(Long.compareUnsigned(first.getMostSignificantBits(), later.getMostSignificantBits()) < 0);
        long millis = first.getMostSignificantBits() >>> 16;
        assertTrue(Math.abs(System.currentTimeMillis() - millis) < 5_000);
    }

    @Test
    void idsDoNotRepeat() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(ids.add(ReadIds.next()));
        }
    }
}
