package city.alpr.systemtests;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** A token that looks like Keycloak's, with every role, but signed by a key Keycloak never had. */
final class ForgedToken {

    private ForgedToken() {
    }

    /**
     * @param kid the key the token claims it was signed with: one Keycloak never published, or one of its own
     */
    static String naming(String issuer, String kid) throws GeneralSecurityException {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = """
                {"iss":"%s","sub":"forger","azp":"alpr-web","preferred_username":"officer","iat":%d,"exp":%d,
                 "realm_access":{"roles":["camera-gateway","sheriff-officer","city-manager","compliance-auditor"]}}"""
                .formatted(issuer, now, now + 300);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(rsa.sign());
    }
}
