package city.alpr.query.tracing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.OtlpReceiver;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.as;

/**
 * With a collector configured, a search is traced from the officer's request to the statement that writes its
 * access-log record: an operator can follow one access end to end, and see none of its values.
 */
@QuarkusTest
@TestProfile(OtlpReceiver.Traced.class)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class TracingTest {

    @Test
    void aSearchIsTracedToItsAccessLogRecordWithoutThePlateItAskedFor() {
        Fixtures.prepare();
        as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "criminal-investigation", "caseNumber", "WPD-TRACE-1",
                        "plate", Map.of("text", "9TRACE9"), "from", minutesAgo(60).toString(),
                        "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then().statusCode(200);
        OtlpReceiver.awaitSpansWith("query-service", "/v1/searches", "insert into audit_event");
        OtlpReceiver.assertNoSpanHolds("9TRACE9");
    }
}
