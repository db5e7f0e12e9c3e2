package city.alpr.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.AuditConfig;

/**
 * Signs checkpoints of the access log with an Ed25519 key held outside the database, and checks them with its
 * public half. The signed text names the checkpoint's number, the last record it covers, that record's chain hash
 * and the time, so none can be changed, and no checkpoint replayed under another number.
 */
@ApplicationScoped
public class CheckpointSigner {

    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;
    private final String keyId;
    private final String verifyingKeyText;

    CheckpointSigner(AuditConfig config) {
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            signingKey = keys
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(config.checkpoints().signingKey())));
            verifyingKeyText = config.checkpoints().verifyingKey();
            byte[] publicKey = Base64.getDecoder().decode(verifyingKeyText);
            verifyingKey = keys.generatePublic(new X509EncodedKeySpec(publicKey));
            keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("alpr.checkpoints signing-key/verifying-key are not a base64 Ed25519 key pair", e);
        }
    }

    /** The first 8 bytes of the SHA-256 of the public key, hex: which key signed a checkpoint. */
    public String keyId() {
        return keyId;
    }

    /** The X.509 public key, base64, for anyone who wants to check a checkpoint. */
    public String verifyingKey() {
        return verifyingKeyText;
    }

    byte[] sign(long number, long seq, byte[] hash, Instant signedAt) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey);
            signature.update(signedText(number, seq, hash, signedAt));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a checkpoint", e);
        }
    }

    boolean isGenuine(long number, long seq, byte[] hash, Instant signedAt, String signedBy, byte[] signatureBytes) {
        if (!keyId.equals(signedBy)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(verifyingKey);
            signature.update(signedText(number, seq, hash, signedAt));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** What a checkpoint's signature covers; the transparency page documents it so others can check. */
    static byte[] signedText(long number, long seq, byte[] hash, Instant signedAt) {
        return ("alpr-access-log-checkpoint\nnumber=" + number + "\nseq=" + seq + "\nhash=" + HexFormat.of().formatHex(hash)
                + "\nsigned-at=" + signedAt + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
