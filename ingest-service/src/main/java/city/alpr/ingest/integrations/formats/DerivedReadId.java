package city.alpr.ingest.integrations.formats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An idempotency key for a format that sends no read id: a prefix naming the format and 32 hex digits of SHA-256 over
 * what identifies the read in the vendor's payload (its camera, time and position), which a re-sent post repeats.
 */
final class DerivedReadId {

    private DerivedReadId() {
    }

    static String of(String prefix, String... identifying) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : identifying) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return prefix + "-" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
