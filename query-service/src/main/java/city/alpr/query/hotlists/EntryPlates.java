package city.alpr.query.hotlists;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;

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
    public record Sealed(byte[] plate, byte[] plateIndex, byte[] lookAlikeIndex) {
    }

    public Sealed seal(UUID entryId, String plate) {
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
