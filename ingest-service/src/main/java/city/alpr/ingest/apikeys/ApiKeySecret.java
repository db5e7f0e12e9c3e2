package city.alpr.ingest.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A gateway's API key: {@code alprk_} and 43 characters of base64url holding 256 random bits. Only its SHA-256 is
 * stored; a slow password hash would add nothing to a secret no one can guess, and would cost every request.
 */
record ApiKeySecret(String text) {

    static final String PREFIX = "alprk_";
    /** How much of a key the custodian sees again, to tell keys apart: the prefix and six random characters. */
    static final int SHOWN = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = PREFIX.length() + 43;

    static ApiKeySecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKeySecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a presented text has a key's shape at all; anything else is refused without a database lookup. */
    static boolean looksLikeAKey(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    String shown() {
        return text.substring(0, SHOWN);
    }

    @Override
    public String toString() {
        return shown() + "…";
    }
}
