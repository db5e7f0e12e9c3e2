package city.alpr.ingest.admission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static city.alpr.ingest.support.Reads.read;
import static city.alpr.ingest.support.Reads.storedWithGatewayReadId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flooding client (R4: no read lost under load): when ingest already works on as many requests as it may, one
 * more is refused at once with 503 and Retry-After and stores nothing, the requests it works on finish, and the
 * refused read, resubmitted, is stored once.
 */
@QuarkusTest
@TestProfile(OverloadTest.TwoRequestsAtOnce.class)
class OverloadTest {

    public static class TwoRequestsAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alpr.ingest.max-requests-in-flight", "2");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL ingest;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
    }

    @Test
    void aRequestBeyondTheBoundIsRefusedAtOnceWithRetryAfterAndStoredOnceWhenResubmitted_R4() throws Exception {
        String token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        Map<String, Object> first = read("4SLOW01");
        Map<String, Object> second = read("4SLOW02");
        Map<String, Object> refused = read("4SHED01");
        try (HeldRequest one = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(first));
                HeldRequest two = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(second))) {
            awaitInFlight(2);
            long start = System.nanoTime();
            given().auth().oauth2(token).contentType(ContentType.JSON).body(refused).post("/v1/reads")
                    .then().statusCode(503).header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://alpr.city/problems/overloaded"))
                    .body("detail", containsString("nothing from this request was stored"));
            long refusedWithinMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(refusedWithinMillis < 1000, "refused after " + refusedWithinMillis + " ms, not at once");
            assertEquals(0, storedWithGatewayReadId((String) refused.get("gatewayReadId")));

            assertEquals(201, one.finish(), "a request already worked on completes");
            assertEquals(201, two.finish(), "a request already worked on completes");
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(refused).post("/v1/reads")
                .then().statusCode(201).body("stored", equalTo(1));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(refused).post("/v1/reads")
                .then().statusCode(200).body("duplicates", equalTo(1));
        assertEquals(2, storedWithGatewayReadId((String) refused.get("gatewayReadId")), "one read, one key");
        assertEquals(2, storedWithGatewayReadId((String) first.get("gatewayReadId")));
        assertEquals(2, storedWithGatewayReadId((String) second.get("gatewayReadId")));
    }

    @Test
    void aRefusedRequestLeavesItsConnectionUsableForTheRetry_R4() throws Exception {
        String token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        Map<String, Object> refused = read("4SHED02");
        byte[] body = JSON.writeValueAsBytes(refused);
        try (HeldRequest one = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(read("4SLOW03")));
                HeldRequest two = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(read("4SLOW04")));
                Socket gateway = new Socket(ingest.getHost(), ingest.getPort())) {
            awaitInFlight(2);
            assertEquals(503, HeldRequest.exchange(gateway, ingest, token, body));
            one.finish();
            two.finish();
            assertEquals(201, HeldRequest.exchange(gateway, ingest, token, body), "the retry on the same connection");
        }
        assertEquals(2, storedWithGatewayReadId((String) refused.get("gatewayReadId")));
    }

    @Test
    void gatewaysThatHangUpMidRequestGiveTheirPlaceBack_R4() throws Exception {
        String token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        for (int round = 0; round < 3; round++) {
            HeldRequest one = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(read("4GONE01")));
            HeldRequest two = HeldRequest.start(ingest, token, JSON.writeValueAsBytes(read("4GONE02")));
            awaitInFlight(2);
            one.close();
            two.close();
            awaitInFlight(0);
        }
        Map<String, Object> after = read("4BACK01");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(after).post("/v1/reads")
                .then().statusCode(201);
        assertEquals(2, storedWithGatewayReadId((String) after.get("gatewayReadId")));
    }

    @Test
    void aClientWithoutATokenHoldingRequestsOpenTakesNoGatewaysPlace_R4() throws Exception {
        String token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        Map<String, Object> gateways = read("4REAL01");
        try (HeldRequest one = HeldRequest.start(ingest, null, JSON.writeValueAsBytes(read("4ANON01")));
                HeldRequest two = HeldRequest.start(ingest, null, JSON.writeValueAsBytes(read("4ANON02")))) {
            assertEquals(401, one.answerWhileItsBodyIsHeld(), "refused without waiting for the rest of its body");
            assertEquals(401, two.answerWhileItsBodyIsHeld(), "refused without waiting for the rest of its body");
            awaitInFlight(0);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(gateways).post("/v1/reads")
                    .then().statusCode(201);
        }
        assertEquals(2, storedWithGatewayReadId((String) gateways.get("gatewayReadId")));
    }

    /** Waits (up to 20 s) until ingest works on exactly this many requests, as its own gauge counts them. */
    private void awaitInFlight(int requests) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (meters.get("alpr.ingest.requests.in.flight").gauge().value() == requests) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ingest did not come to work on " + requests + " requests within 20 s; it works on "
                + meters.get("alpr.ingest.requests.in.flight").gauge().value());
    }

    /** A request whose last body byte is held back: ingest has admitted it and works on it until it arrives. */
    private record HeldRequest(Socket socket, byte[] body) implements AutoCloseable {

        static HeldRequest start(URL ingest, String token, byte[] body) throws IOException {
            Socket socket = new Socket(ingest.getHost(), ingest.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(head(ingest, token, body.length));
            out.write(body, 0, body.length - 1);
            out.flush();
            return new HeldRequest(socket, body);
        }

        /** The answer that comes before the last byte is sent, waiting up to 20 s for it. */
        int answerWhileItsBodyIsHeld() throws IOException {
            socket.setSoTimeout(20_000);
            return status(socket.getInputStream());
        }

        int finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(body, body.length - 1, 1);
            out.flush();
            return status(socket.getInputStream());
        }

        static int exchange(Socket socket, URL ingest, String token, byte[] body) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(head(ingest, token, body.length));
            out.write(body);
            out.flush();
            return status(socket.getInputStream());
        }

        /** The request's head, without an Authorization header when {@code token} is null. */
        private static byte[] head(URL ingest, String token, int length) {
            return ("POST /v1/reads HTTP/1.1\r\nHost: " + ingest.getHost() + ":" + ingest.getPort()
                    + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        /** Reads one response (status line, headers, a Content-Length body) and returns its status. */
        private static int status(InputStream in) throws IOException {
            String statusLine = line(in);
            long length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            in.readNBytes((int) length);
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed mid-response");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
