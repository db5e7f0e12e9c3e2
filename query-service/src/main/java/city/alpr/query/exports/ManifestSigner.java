package city.alpr.query.exports;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.QueryConfig;

/** Signs evidence manifests with the service's Ed25519 key, and checks signatures with its published public key. */
@ApplicationScoped
public class ManifestSigner {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;

    ManifestSigner(QueryConfig config) {
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            this.signingKey = keys.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(config.exports().signingKey().trim())));
            this.verifyingKey = keys.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(config.exports().verifyingKey().trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("alpr.exports.signing-key/verifying-key are not an Ed25519 key pair", e);
        }
    }

    String sign(byte[] manifest) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signingKey);
            signature.update(manifest);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] manifest, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(verifyingKey);
            signature.update(manifest);
            return signature.verify(Base64.getDecoder().decode(signatureBase64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key in PEM, for anyone who must check a package without asking this service. */
    String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(verifyingKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
