package city.alpr.audit.chain;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/** A checkpoint as stored: the chain hash of record {@code seq}, signed at {@code signedAt} by key {@code keyId}. */
record SignedCheckpoint(long number, long seq, byte[] hash, Instant signedAt, String keyId, byte[] signature) {

    static final String COLUMNS = "number, seq, hash, signed_at, key_id, signature";

    static SignedCheckpoint from(Row row) {
        return new SignedCheckpoint(row.getLong("number"), row.getLong("seq"), row.getBuffer("hash").getBytes(),
                row.getOffsetDateTime("signed_at").toInstant(), row.getString("key_id"),
                row.getBuffer("signature").getBytes());
    }
}
