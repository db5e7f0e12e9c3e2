package city.alpr.audit.tracing;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.as;

/**
 * With a collector configured, the holder of the traces learns no more than the route: an auditor's search of the
 * log by plate, user and case is traced without any of them, though they travel in the query string.
 */
@QuarkusTest
@TestProfile(OtlpReceiver.Traced.class)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class TracingTest {

    @Test
    void aLogSearchIsTracedWithoutThePlateTheUserOrTheCaseItAskedFor() {
        as(AUDITOR).queryParam("plate", "7PRIV77").queryParam("username", "secret.deputy")
                .queryParam("caseNumber", "CASE-SECRET-9").get("/v1/audit/events").then().statusCode(200);
        OtlpReceiver.awaitSpansWith("audit-service", "/v1/audit/events", "insert into audit_event");
        OtlpReceiver.assertNoSpanHolds("7PRIV77", "secret.deputy", "CASE-SECRET-9");
    }
}
