package city.alpr.systemtests;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one-time code an authenticator app shows (RFC 6238: HMAC-SHA1, 6 digits, 30-second periods). */
final class Totp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The code of the {@code period}-th 30-second period since the epoch, for a key as Keycloak shows it (base32). */
    static String code(String base32Key, long period) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Key), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(period).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        String digits = base32.toUpperCase(Locale.ROOT).replace("=", "");
        ByteBuffer bytes = ByteBuffer.allocate(digits.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char digit : digits.toCharArray()) {
            int value = BASE32.indexOf(digit);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + digit);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.array();
    }
}
