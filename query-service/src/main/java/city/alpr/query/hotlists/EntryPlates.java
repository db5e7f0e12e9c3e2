package city.alpr.query.hotlists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import io.vertx.core.buffer.Buffer;

/**
 * The plate of a hotlist entry at rest (R5, R6): sealed under the master key and bound to its entry, with the master
 * key's hashes of the plate and its look-alike form that ingest matches reads on. Neither is readable in a dump.
 */
@ApplicationScoped
public class EntryPlates {

    private final MasterKey masterKey;

    EntryPlates(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** An entry's plate ready to store. */
    record Sealed(byte[] plate, byte[] plateIndex, byte[] lookAlikeIndex) {
    }

    /** New entries' ids and their plates, sealed, as the columns of one statement take them. */
    public record SealedBatch(UUID[] ids, Buffer[] plates, Buffer[] plateIndexes, Buffer[] lookAlikeIndexes) {
    }

    /** Seals each plate for a new entry of its own, with a fresh id. */
    public SealedBatch sealNew(List<String> plates) {
        int n = plates.size();
        SealedBatch batch = new SealedBatch(new UUID[n], new Buffer[n], new Buffer[n], new Buffer[n]);
        for (int i = 0; i < n; i++) {
            batch.ids()[i] = UUID.randomUUID();
            Sealed sealed = seal(batch.ids()[i], plates.get(i));
            batch.plates()[i] = Buffer.buffer(sealed.plate());
            batch.plateIndexes()[i] = Buffer.buffer(sealed.plateIndex());
            batch.lookAlikeIndexes()[i] = Buffer.buffer(sealed.lookAlikeIndex());
        }
        return batch;
    }

    Sealed seal(UUID entryId, String plate) {
        String normalized = PlateText.normalize(plate);
        return new Sealed(masterKey.seal(normalized.getBytes(StandardCharsets.UTF_8), context(entryId)),
                masterKey.hotlistPlateIndex(normalized), masterKey.hotlistLookAlikeIndex(PlateText.lookAlike(normalized)));
    }

    /** The entry's plate, normalized. */
    public String open(UUID entryId, byte[] sealed) {
        return new String(masterKey.open(sealed, context(entryId)), StandardCharsets.UTF_8);
    }

    private static String context(UUID entryId) {
        return "hotlist-entry:" + entryId;
    }
}
