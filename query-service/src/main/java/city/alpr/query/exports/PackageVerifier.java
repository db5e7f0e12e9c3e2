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

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.ProblemException;
import city.alpr.query.QueryConfig;
import city.alpr.query.exports.EvidencePackage.Inspection;

/**
 * Verifies uploaded packages within honest bounds: the upload goes to a temporary file, not the heap (at most the
 * body limit, {@code quarkus.http.limits.max-body-size}); a package is read and hashed as it unpacks, up to
 * {@code alpr.exports.verify-max-unpacked}; and at most {@code alpr.exports.verify-concurrency} verifications run at
 * once on this replica ({@link VerificationSlots}), so that any officer's crafted file costs one bounded verification
 * and no more, and slow uploads hold neither the checks nor more than their share of worker threads.
 */
@ApplicationScoped
class PackageVerifier {

    private final VerificationSlots slots;
    private final long unpackAtMost;
    private final ManifestSigner signer;
    private final ObjectMapper json;

    PackageVerifier(VerificationSlots slots, QueryConfig config, ManifestSigner signer, ObjectMapper json) {
        this.slots = slots;
        this.unpackAtMost = config.exports().verifyMaxUnpacked();
        this.signer = signer;
        this.json = json;
    }

    /** A package checked, and the SHA-256 of the bytes received. */
    record Checked(String packageSha256, Inspection inspection) {
    }

    /** Copies the upload; one that stops arriving before its end is the client's failure, not this service's. */
    private static void receive(InputStream upload, OutputStream file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int read;
            try {
                read = upload.read(buffer);
            } catch (IOException e) {
                throw ProblemException.bodyCutShort();
            }
            if (read < 0) {
                return;
            }
            file.write(buffer, 0, read);
        }
    }

    /**
     * Receives the upload into a temporary file, then checks it, blocking; empty when as many uploads arrive, or as
     * many checks run, as may. An upload still arriving holds a receiving slot, not a check.
     */
    Optional<Checked> verify(InputStream upload) {
        if (!slots.takeUpload()) {
            return Optional.empty();
        }
        Path received = null;
        try {
            received = Files.createTempFile("alpr-verify-", ".zip");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(received), sha256)) {
                receive(upload, file);
            }
            if (!slots.takeCheck()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Checked(HexFormat.of().formatHex(sha256.digest()),
                        EvidencePackage.inspect(received, unpackAtMost, json, signer)));
            } finally {
                slots.releaseCheck();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            slots.releaseUpload();
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
