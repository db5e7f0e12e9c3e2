package city.alpr.ingest.reads;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily partitions kept ahead, and the least privilege of the ingest role (R23). */
@QuarkusTest
class StorageLayoutTest {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    @Test
    void partitionsCoverTheRetentionWindowAndTheDaysAhead() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day : new LocalDate[] { today.minusDays(30), today, today.plusDays(3) }) {
            for (String parent : new String[] { "plate_read", "read_image" }) {
                assertEquals(1, StackDatabase.count("select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " where i.inhparent = ?::regclass and c.relname = ?", parent,
                        parent + "_p" + day.format(SUFFIX)), parent + " partition for " + day);
            }
        }
        assertEquals(0, StackDatabase.count("select count(*) from pg_partitioned_table where partdefid <> 0"),
                "no catch-all partition hides a missing day");
    }

    @Test
    void r23_theIngestRoleCanNeitherChangeTheSchemaNorReadSealedData() throws SQLException {
        try (Connection ingest = StackDatabase.asServiceRole(); Statement statement = ingest.createStatement()) {
            assertDenied(statement, "create table stolen (plate text)");
            assertDenied(statement, "select sealed_details from plate_read limit 1");
            assertDenied(statement, "select sealed_bytes from read_image limit 1");
            assertDenied(statement, "delete from plate_read");
            assertDenied(statement, "update plate_read set camera_id = 'x'");
            assertDenied(statement, "delete from data_key");
            assertDenied(statement, "update data_key set wrapped_key = null");
            assertDenied(statement, "drop table plate_read");
            assertDenied(statement, "select * from plate_read_p" + LocalDate.now(ZoneOffset.UTC).format(SUFFIX));
            assertTrue(statement.executeQuery("select count(camera_id) from plate_read").next(),
                    "it may count reads per camera for camera health");
        }
    }

    private static void assertDenied(Statement statement, String sql) {
        SQLException denied = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
        assertTrue(denied.getSQLState().equals("42501") || denied.getSQLState().equals("42P01"),
                sql + " failed for another reason: " + denied.getMessage());
    }
}
