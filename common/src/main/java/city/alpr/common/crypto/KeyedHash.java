package city.alpr.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256: the keyed hashes the indexes are made of, and the derivation of one key from another. */
final class KeyedHash {

    static final String ALGORITHM = "HmacSHA256";

    private KeyedHash() {
    }

    static SecretKeySpec key(byte[] material) {
        return new SecretKeySpec(material, ALGORITHM);
    }

    static byte[] of(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
