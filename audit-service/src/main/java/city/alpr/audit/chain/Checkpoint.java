package city.alpr.audit.chain;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A signed checkpoint as published: anyone holding the public key can check the signature. */
@Schema(description = "A signed checkpoint of the access log's hash chain")
public record Checkpoint(long number, long seq, String hash, Instant signedAt, String keyId, String signature) {

    static Checkpoint of(SignedCheckpoint signed) {
        return new Checkpoint(signed.number(), signed.seq(), HexFormat.of().formatHex(signed.hash()), signed.signedAt(),
                signed.keyId(), Base64.getEncoder().encodeToString(signed.signature()));
    }
}
