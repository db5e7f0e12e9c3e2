package city.alpr.ingest.reads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** R17: a service's database role writes access-log records of its own service only. */
@QuarkusTest
class AccessLogRoleTest {

    private static final String APPEND = """
            insert into audit_event (service, action, outcome, username, data_elements)
            values (?, 'read.search', 'granted', 'officer', '{}'::jsonb)""";

    @Test
    void theIngestRoleCannotPassARecordOffAsAnotherServices_R17() throws SQLException {
        long before = StackDatabase.lastAuditSeq();
        try (Connection ingest = StackDatabase.asServiceRole()) {
            for (String other : new String[] { "query-service", "audit-service", "retention-service" }) {
                try (PreparedStatement forged = ingest.prepareStatement(APPEND)) {
                    forged.setString(1, other);
                    SQLException refused = assertThrows(SQLException.class, forged::execute, other);
                    assertEquals("42501", refused.getSQLState(), refused.getMessage());
                }
            }
            try (PreparedStatement own = ingest.prepareStatement(APPEND)) {
                own.setString(1, "ingest-service");
                own.execute();
            }
        }
        assertEquals(before + 1, StackDatabase.lastAuditSeq(), "only the record of its own service was written");
    }
}
