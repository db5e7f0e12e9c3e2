package city.alpr.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import city.alpr.localstack.StackDatabase;

/** Hotlist entries as query-service stores them: the plate sealed, matched on the master key's hashes of it. */
public final class Hotlists {

    private static final UUID HOTLIST = UUID.randomUUID();

    private Hotlists() {
    }

    /** Watches the plate on the tests' hotlist until {@code expiresIn} (an interval) from now; @return the entry */
    public static UUID watch(String plate, String expiresIn) {
        StackDatabase.execute("insert into hotlist (id, name, kind, created_by) values (?, 'Ingest matching', "
                + "'stolen-vehicle', 'officer') on conflict do nothing", HOTLIST);
        UUID entry = UUID.randomUUID();
        MasterKey master = MasterKey.fromBase64(Stack.config("alpr.crypto.master-key"));
        String normalized = PlateText.normalize(plate);
        StackDatabase.execute("""
                insert into hotlist_entry (id, hotlist_id, sealed_plate, plate_index, plate_lookalike_index, source,
                                           reason, purpose, case_number, owner, expires_at, created_by)
                values (?, ?, ?, ?, ?, 'NCIC', 'Reported stolen', 'criminal-investigation', 'RSO-2026-0001', 'officer',
                        now() + ?::interval, 'officer')""",
                entry, HOTLIST, master.seal(normalized.getBytes(StandardCharsets.UTF_8), "hotlist-entry:" + entry),
                master.hotlistPlateIndex(normalized), master.hotlistLookAlikeIndex(PlateText.lookAlike(normalized)),
                expiresIn);
        return entry;
    }

    /** How many alerts the read raised for the entry, matching it in this way (plate, look-alike, candidate). */
    public static long alerts(String readId, UUID entry, String matchKind) {
        return StackDatabase.count(
                "select count(*) from hotlist_alert where read_id = ?::uuid and entry_id = ? and match_kind = ?",
                readId, entry, matchKind);
    }

    /** How many alerts the read raised for the entry, however it matched. */
    public static long alerts(String readId, UUID entry) {
        return StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid and entry_id = ?",
                readId, entry);
    }
}
