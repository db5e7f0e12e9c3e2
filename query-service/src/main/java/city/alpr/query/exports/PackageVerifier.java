package city.alpr.query.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.query.QueryConfig;
import city.alpr.query.exports.EvidencePackage.Inspection;

/**
 * Verifies uploaded packages within honest bounds: the upload goes to a temporary file, not the heap; a package is
 * read and hashed as it unpacks, up to {@code alpr.exports.verify-max-unpacked}; and at most
 * {@code alpr.exports.verify-concurrency} verifications run at once on this replica, so that any officer's crafted
 * file costs one bounded verification and no more.
 */
@ApplicationScoped
class PackageVerifier {

    private final Semaphore running;
    private final long unpackAtMost;
    private final ManifestSigner signer;
    private final ObjectMapper json;

    PackageVerifier(QueryConfig config, ManifestSigner signer, ObjectMapper json) {
        this.running = new Semaphore(config.exports().verifyConcurrency());
        this.unpackAtMost = config.exports().verifyMaxUnpacked();
        this.signer = signer;
        this.json = json;
    }

    /** A package checked, and the SHA-256 of the bytes received. */
    record Checked(String packageSha256, Inspection inspection) {
    }

    /** Reads and checks the upload, blocking; empty when as many verifications run as may. */
    Optional<Checked> verify(InputStream upload) {
        if (!running.tryAcquire()) {
            return Optional.empty();
        }
        Path received = null;
        try {
            received = Files.createTempFile("alpr-verify-", ".zip");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(received), sha256)) {
                upload.transferTo(file);
            }
            return Optional.of(new Checked(HexFormat.of().formatHex(sha256.digest()),
                    EvidencePackage.inspect(received, unpackAtMost, json, signer)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            running.release();
            if (received != null) {
                try {
                    Files.deleteIfExists(received);
                } catch (IOException e) {
                    // a temporary file left behind is deleted with the pod's /tmp
                }
            }
        }
    }
}
