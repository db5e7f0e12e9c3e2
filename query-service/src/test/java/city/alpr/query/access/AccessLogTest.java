package city.alpr.query.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log commits with the access or the access does not happen, and it is append-only and chained (R17). */
@QuarkusTest
class AccessLogTest {

    /** Rows whose hash does not cover their fields and the previous hash, or whose seq leaves a gap. */
    static final String BROKEN_LINKS = """
            select count(*) from (
                select seq, hash, prev_hash, audit_event_canonical(e) as canonical,
                       lag(hash) over (order by seq) as previous_hash, lag(seq) over (order by seq) as previous_seq
                from audit_event e) chain
            where hash <> sha256(prev_hash || canonical)
               or (previous_seq is null and (seq <> 1 or prev_hash <> decode(repeat('00', 32), 'hex')))
               or (previous_seq is not null and (seq <> previous_seq + 1 or prev_hash <> previous_hash))""";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    private static Map<String, Object> searchFor(String plate) {
        return Map.of("purpose", "criminal-investigation", "caseNumber", "WPD-LOG-1", "plate", Map.of("text", plate),
                "from", minutesAgo(120).toString(), "to", minutesAgo(-1).toString());
    }

    @Test
    void noDataIsReturnedWhenTheAccessCannotBeLogged_R17() {
        storeRead("2LOG101", NORTH_CAMERA, minutesAgo(5));
        long before = Stack.lastAuditSeq();
        StackDatabase.execute("revoke insert on audit_event from alpr_query");
        try {
            as(MANAGER).contentType(ContentType.JSON).body(searchFor("2LOG101")).post("/v1/searches")
                    .then().statusCode(500).contentType("application/problem+json")
                    .body(not(containsString("2LOG101")));
        } finally {
            StackDatabase.execute("grant insert on audit_event to alpr_query");
        }
        assertEquals(before, Stack.lastAuditSeq());
        as(MANAGER).contentType(ContentType.JSON).body(searchFor("2LOG101")).post("/v1/searches")
                .then().statusCode(200).body(containsString("2LOG101"));
    }

    @Test
    void theServiceRoleCanNeitherReadNorChangeTheLogAndNobodyCanRewriteIt_R17_R23() throws SQLException {
        as(MANAGER).contentType(ContentType.JSON).body(searchFor("2LOG102")).post("/v1/searches").then().statusCode(200);
        try (Connection service = StackDatabase.asServiceRole(); Statement statement = service.createStatement()) {
            for (String sql : List.of("update audit_event set username = 'nobody'", "delete from audit_event",
                    "select * from audit_event", "truncate audit_event")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql);
            }
        }
        try (Connection owner = StackDatabase.superuser(); Statement statement = owner.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("update audit_event set username = 'nobody' where seq = 1"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            assertThrows(SQLException.class, () -> statement.execute("delete from audit_event where seq = 1"));
        }
    }

    @Test
    void noSessionSettingLetsAnyoneDeleteFromTheLog_R17() throws SQLException {
        as(MANAGER).contentType(ContentType.JSON).body(searchFor("2LOG104")).post("/v1/searches").then().statusCode(200);
        long seq = Stack.lastAuditSeq();
        try (Connection superuser = StackDatabase.superuser(); Statement statement = superuser.createStatement()) {
            statement.execute("set alpr.audit_expiry = 'on'");
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("delete from audit_event where seq = " + seq));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(1, StackDatabase.count("select count(*) from audit_event where seq = ?", seq));
    }

    @Test
    void theQueryRoleCannotPassARecordOffAsAnotherServices_R17() throws SQLException {
        try (Connection service = StackDatabase.asServiceRole(); PreparedStatement forged = service.prepareStatement("""
                insert into audit_event (service, action, outcome, username, data_elements)
                values ('audit-service', 'audit.log.search', 'granted', 'auditor', '{}'::jsonb)""")) {
            SQLException refused = assertThrows(SQLException.class, forged::execute);
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
    }

    @Test
    void concurrentAccessesExtendOneUnbrokenChain_R17() {
        List<CompletableFuture<Integer>> searches = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> as(MANAGER).contentType(ContentType.JSON)
                        .body(searchFor("2LOG2" + (10 + i))).post("/v1/searches").statusCode()))
                .toList();
        searches.forEach(search -> assertEquals(200, search.join()));
        assertEquals(0, StackDatabase.count(BROKEN_LINKS));
        assertEquals(Stack.lastAuditSeq(), StackDatabase.count("select count(*) from audit_event"));
    }

    @Test
    void anEditedRowBreaksTheChain_R17() throws SQLException {
        as(MANAGER).contentType(ContentType.JSON).body(searchFor("2LOG103")).post("/v1/searches").then().statusCode(200);
        long seq = Stack.lastAuditSeq();
        try (Connection owner = StackDatabase.superuser(); Statement statement = owner.createStatement()) {
            statement.execute("alter table audit_event disable trigger audit_event_no_update");
            statement.execute("update audit_event set purpose = 'prosecution' where seq = " + seq);
            try {
                assertEquals(1, StackDatabase.count(BROKEN_LINKS));
            } finally {
                statement.execute("update audit_event set purpose = 'criminal-investigation' where seq = " + seq);
                statement.execute("alter table audit_event enable trigger audit_event_no_update");
            }
        }
        assertEquals(0, StackDatabase.count(BROKEN_LINKS));
    }
}
