package city.alpr.query.search;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.Json;

import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R6, R9: a plate just put on an Amber, missing-person or wanted list may be searched in the reads already held, by the
 * officer who watches it, under the entry's purpose and case, and the search is logged like any other.
 */
@QuarkusTest
class PriorReadsTest {

    private static final String CASE = "RSO-2026-0931";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        Fixtures.approveRequest(CASE);
    }

    static UUID hotlistOf(UUID entryId) {
        return UUID.fromString(StackDatabase.text("select hotlist_id::text from hotlist_entry where id = ?", entryId));
    }

    @Test
    void anOfficerSearchesTheReadsAlreadyHeldOfANewAmberEntryUnderItsCase_andTheSearchIsLogged_R6_R9() {
        String plate = "4AMB" + (100 + (int) (Math.random() * 800));
        OffsetDateTime threeDaysAgo = Fixtures.minutesAgo(3 * 24 * 60);
        UUID earlier = Fixtures.storeRead(plate, Fixtures.NORTH_CAMERA, threeDaysAgo);
        UUID entry = Fixtures.watch("amber", plate, CASE);

        as(OFFICER).post("/v1/hotlists/{hotlist}/entries/{entry}/prior-reads", hotlistOf(entry), entry).then()
                .statusCode(200).body("reads.id", hasItem(earlier.toString()));

        Map<String, Object> record = lastAudit();
        assertEquals("read.search", record.get("action"));
        assertEquals("granted", record.get("outcome"));
        assertEquals("criminal-investigation", record.get("purpose"));
        assertEquals(CASE, record.get("case_number"));
        assertEquals(entry.toString(), record.get("target"));
        Map<?, ?> elements = Json.decodeValue((String) record.get("data_elements"), Map.class);
        assertEquals(entry.toString(), elements.get("priorReadsOf"));
        assertEquals(plate, elements.get("plate"));
        assertEquals("1", String.valueOf(record.get("result_count")));
    }

    @Test
    void aStolenVehicleEntryDoesNotAskForPriorReads_andTheRefusalIsLogged_R6() {
        UUID entry = Fixtures.watch("stolen-vehicle", "4STL" + (100 + (int) (Math.random() * 800)), CASE);
        as(OFFICER).post("/v1/hotlists/{hotlist}/entries/{entry}/prior-reads", hotlistOf(entry), entry).then()
                .statusCode(403).body("detail", containsString("Amber, missing-person and wanted"));
        assertEquals("read.search", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void noOneButTheEntrysOfficerSearchesItsPriorReads_andARemovedEntryAsksForNothing_R9() {
        UUID entry = Fixtures.watch("wanted", "4WNT" + (100 + (int) (Math.random() * 800)), CASE);
        UUID hotlist = hotlistOf(entry);
        as(MANAGER).post("/v1/hotlists/{hotlist}/entries/{entry}/prior-reads", hotlist, entry).then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));

        as(OFFICER).delete("/v1/hotlists/{hotlist}/entries/{entry}", hotlist, entry).then().statusCode(204);
        as(OFFICER).post("/v1/hotlists/{hotlist}/entries/{entry}/prior-reads", hotlist, entry).then().statusCode(404);
        assertEquals("read.search", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
    }
}
