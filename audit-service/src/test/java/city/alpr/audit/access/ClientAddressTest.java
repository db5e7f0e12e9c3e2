package city.alpr.audit.access;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R16: the client address the log records. Where clients connect directly (no proxy is trusted), a forwarding header
 * is whatever the client wrote, and is not believed.
 */
@QuarkusTest
class ClientAddressTest {

    @Test
    void aClientCannotWriteItsOwnAddressIntoTheLog_R16() {
        as(MANAGER).header("X-Forwarded-For", "203.0.113.66").header("Forwarded", "for=203.0.113.66")
                .get("/v1/governance/agencies").then().statusCode(200);
        assertEquals("127.0.0.1", StackDatabase.lastAudit().get("client_address"));
    }
}
