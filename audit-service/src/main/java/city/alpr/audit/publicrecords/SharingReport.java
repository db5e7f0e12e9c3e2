package city.alpr.audit.publicrecords;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who the system shared with in a period (R32; Civil Code 1798.90.55, State Auditor 2019-118): the agencies that
 * received reads, and apart from them the hotlists the cameras were matched against, by where each came from.
 */
@Schema(description = "The agencies reads were shared with, and the hotlists and their sources, in a period")
public record SharingReport(Instant from, Instant to, List<ReadsShared> reads,
        @Schema(description = "Where the hotlists the cameras are matched against come from. The system sends no hotlist to any agency: it has no path that does") List<HotlistSource> hotlists) {

    static final List<String> READS_CSV_COLUMNS = List.of("agency_id", "agency", "kind", "level", "state", "shares",
            "reads", "ownership_transferred", "purposes");
    static final List<String> HOTLISTS_CSV_COLUMNS = List.of("source", "received_as", "hotlist_kind", "entries_active",
            "entries_added", "hits");

    @Schema(description = "Reads shared with one agency")
    public record ReadsShared(String agencyId, String agency, String kind, String level, String state, long shares,
            long reads,
            @Schema(description = "Shares whose reads became the agency's own (CS3 section 6)") long ownershipTransferred,
            List<String> purposes) {

        List<String> csvFields() {
            return List.of(agencyId, agency, kind, level, state, String.valueOf(shares), String.valueOf(reads),
                    String.valueOf(ownershipTransferred), String.join("; ", purposes));
        }
    }

    /**
     * One source of hotlist entries: a feed's file (an NCIC or CA DOJ extract) or the source an officer named when
     * typing an entry.
     *
     * @param receivedAs {@code feed} (its layout: ncic, clew-svs...) or {@code typed}
     */
    @Schema(description = "A source of hotlist entries and the hits its entries drew")
    public record HotlistSource(String source, String receivedAs, String hotlistKind, long entriesActive,
            @Schema(description = "Entries added in the period (a feed's: its entries now, replaced at each refresh)") long entriesAdded,
            @Schema(description = "Alerts its entries raised in the period") long hits) {

        List<String> csvFields() {
            return List.of(source, receivedAs, hotlistKind, String.valueOf(entriesActive), String.valueOf(entriesAdded),
                    String.valueOf(hits));
        }
    }
}
