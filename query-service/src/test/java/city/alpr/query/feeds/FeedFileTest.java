package city.alpr.query.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hotlist file layouts read from the fixture files of each (R6): what each line becomes, and what refuses a file. */
class FeedFileTest {

    static final Set<RecordType> VEHICLE_TYPES = EnumSet.of(RecordType.AMBER_ALERT, RecordType.FELONY_VEHICLE,
            RecordType.MISSING_PERSON, RecordType.STOLEN_PLATE, RecordType.STOLEN_CANADIAN_VEHICLE,
            RecordType.STOLEN_VEHICLE, RecordType.WANTED_PERSON);

    static FeedFile read(FeedLayout layout, String fixture) throws IOException, MalformedFeedException {
        try (InputStream in = FeedFileTest.class.getResourceAsStream(fixture)) {
            return layout.read(new InputStreamReader(in, StandardCharsets.ISO_8859_1), VEHICLE_TYPES, 1000);
        }
    }

    static List<String> plates(FeedFile file) {
        return file.entries().stream().map(FeedEntry::plate).toList();
    }

    @Test
    void anNcicExtractKeepsEachRecordsTypeAndItsDescription_R6() throws Exception {
        FeedFile file = read(FeedLayout.NCIC, "ncic-extract.txt");

        assertEquals(List.of("AB123456", "7ABC123", "8XYZ789", "123ABC", "6TRM042", "GGX6728", "ABCD123"), plates(file));
        assertEquals(List.of(RecordType.STOLEN_VEHICLE, RecordType.STOLEN_PLATE, RecordType.FELONY_VEHICLE,
                RecordType.WANTED_PERSON, RecordType.AMBER_ALERT, RecordType.MISSING_PERSON, RecordType.STOLEN_VEHICLE),
                file.entries().stream().map(FeedEntry::recordType).toList());
        assertEquals(List.of("US-CA", "US-CA", "US-CA", "US-NV", "US-CA", "US-OH", "CA-ON"),
                file.entries().stream().map(FeedEntry::region).toList());
        assertEquals("Stolen Vehicle (NCIC V123456789); entered by LA0570200; incident 2019-05-09; plate 2009 MC; "
                + "vehicle 2009 YAMA CYL MC BLK", file.entries().getFirst().reason());
        assertTrue(file.entries().get(4).reason().endsWith("vehicle 2015 HOND CIV 4D BLK/WHI"));
        assertEquals(Map.of(RecordType.SEX_OFFENDER, 1), file.skippedByRecordType());
        assertEquals(1, file.duplicates());
        assertEquals(10, file.lines());
    }

    @Test
    void anNcicExtractIsRefusedWholeAtTheFirstLineThatDoesNotFit_R6() {
        assertEquals("line 3: record type 'Q' is not an NCIC record type",
                assertThrows(MalformedFeedException.class, () -> read(FeedLayout.NCIC, "ncic-unknown-record-type.txt"))
                        .getMessage());
        assertEquals("line 2: the incident date is not a date YYYYMMDD",
                assertThrows(MalformedFeedException.class, () -> read(FeedLayout.NCIC, "ncic-impossible-date.txt"))
                        .getMessage());
        MalformedFeedException cut = assertThrows(MalformedFeedException.class,
                () -> read(FeedLayout.NCIC, "ncic-cut-line.txt"));
        assertEquals(4, cut.line());
    }

    @Test
    void theCaliforniaFilesTakeTheirRecordTypeFromTheFileAndReadPlatesFromTheRight_R6() throws Exception {
        FeedFile svs = read(FeedLayout.CLEW_SVS, "svs.tbl");
        assertEquals(List.of("7ABC123", "5DEF456", "ABC123"), plates(svs));
        assertTrue(svs.entries().stream().allMatch(entry -> entry.recordType() == RecordType.STOLEN_VEHICLE
                && entry.region().equals("US-CA")));
        assertEquals("Stolen Vehicle (CA DOJ SVS), county 19, lost 2026-11-28", svs.entries().getFirst().reason());

        FeedFile sfr = read(FeedLayout.CLEW_SFR, "sfr.tbl");
        assertEquals(List.of(RecordType.FELONY_VEHICLE, RecordType.FELONY_VEHICLE),
                sfr.entries().stream().map(FeedEntry::recordType).toList());

        FeedFile slr = read(FeedLayout.CLEW_SLR, "slr.tbl");
        assertEquals(List.of("4GHI789", "ABC12"), plates(slr));
        assertEquals(RecordType.STOLEN_PLATE, slr.entries().getFirst().recordType());
    }

    @Test
    void aCaliforniaFileCutShortOrMiscountedOrWithoutItsHeaderIsRefused_R6() {
        assertEquals("line 3: the file ends without its TOTAL RECORD trailer (cut short?)",
                assertThrows(MalformedFeedException.class, () -> read(FeedLayout.CLEW_SFR, "sfr-cut-short.tbl"))
                        .getMessage());
        assertEquals("line 5: the trailer counts 72 records, the file holds 3 (cut short?)",
                assertThrows(MalformedFeedException.class, () -> read(FeedLayout.CLEW_SVS, "svs-count-mismatch.tbl"))
                        .getMessage());
        assertEquals(1, assertThrows(MalformedFeedException.class,
                () -> read(FeedLayout.CLEW_SLR, "slr-without-header.tbl")).line());
    }

    @Test
    void aCraftedLineIsRefusedNotBuffered_R6() {
        String endless = "V".repeat(10_000_000);
        MalformedFeedException refused = assertThrows(MalformedFeedException.class,
                () -> FeedLayout.NCIC.read(new StringReader(endless), VEHICLE_TYPES, 1000));
        assertEquals("line 1: is longer than " + FeedLines.MAX_LINE + " characters", refused.getMessage());
    }

    @Test
    void aFileBeyondTheFeedsEntryBoundIsRefused_R6() {
        MalformedFeedException refused = assertThrows(MalformedFeedException.class,
                () -> FeedLayout.CLEW_SVS.read(new StringReader(String.join("\n", "DATE11/30/2026 06:00",
                        "7ABC123 CA1920261128", "5DEF456 CA3320261120", "TOTAL RECORD 0000002")), VEHICLE_TYPES, 1));
        assertEquals("line 3: is beyond the feed's 1 entries", refused.getMessage());
    }
}
