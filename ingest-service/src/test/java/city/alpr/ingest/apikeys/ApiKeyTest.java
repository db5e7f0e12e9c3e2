package city.alpr.ingest.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R27: camera engines that cannot do OAuth send a static key of their gateway. A key is random, shown once, stored as
 * a hash, expires, can be revoked, several can be active for rotation; it opens only the integration endpoints, each
 * use is its gateway's, and every key change is in the access log without the key.
 */
@QuarkusTest
class ApiKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR_CAMERA = "1234";

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, VENDOR_CAMERA, Reads.EAST_CAMERA, "UTC");
    }

    private static String heartbeat() {
        return Integrations.fixture("openalpr/heartbeat.json").toString();
    }

    private static int postHeartbeat(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(heartbeat()).post("/v1/integrations/openalpr/reads")
                .statusCode();
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash_R27() throws Exception {
        var issued = given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(Map.of("label", "Scout agent, east yard", "validDays", 90))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(201).body("details.gatewayId", equalTo(Stack.GATEWAY_EAST))
                .body("details.active", equalTo(true)).extract();
        String key = issued.path("key");
        String id = issued.path("details.id");
        assertTrue(key.matches("alprk_[A-Za-z0-9_-]{43}"), key);
        assertEquals(key.substring(0, 12), issued.path("details.keyStartsWith"));
        assertEquals("no-store", issued.header("Cache-Control"), "no cache keeps the key");

        byte[] stored = StackDatabase.bytes("select key_hash from gateway_api_key where id = ?::uuid", id);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.US_ASCII))), HexFormat.of().formatHex(stored));
        assertEquals(0, StackDatabase.count("select count(*) from gateway_api_key k where k::text like ?",
                "%" + key.substring(12) + "%"), "the row holds no more of the key than its first characters");

        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("gateway.api-key.issue", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        assertEquals("manager", logged.get("username"));
        assertEquals(id, logged.get("target"));
        JsonNode elements = JSON.readTree((String) logged.get("data_elements"));
        assertEquals(Stack.GATEWAY_EAST, elements.get("gatewayId").asText());
        assertEquals(key.substring(0, 12), elements.get("keyStartsWith").asText());
        assertEquals(0, StackDatabase.count("select count(*) from audit_event e where e::text like ?",
                "%" + key.substring(12) + "%"), "no record of the log holds the key");

        String listed = given().auth().oauth2(Stack.userToken("manager"))
                .get("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(200).body("id", hasItem(id)).extract().asString();
        assertFalse(listed.contains(key.substring(12)), "the key is never shown again");
        assertEquals("gateway.api-key.list", StackDatabase.lastAudit().get("action"));
    }

    @Test
    void anEngineSendsItsKeyInWhicheverHeaderItCan_R27() {
        String key = Integrations.issueKey(Stack.GATEWAY_EAST, "headers");
        assertEquals(200, postHeartbeat(given().header("X-Api-Key", key)));
        assertEquals(200, postHeartbeat(given().header("Authorization", "Token " + key)));
        assertEquals(200, postHeartbeat(given().header("Authorization", "ApiKey " + key)));
        assertEquals(200, postHeartbeat(given().auth().preemptive().basic(Stack.GATEWAY_EAST, key)));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(heartbeat())
                .post("/v1/integrations/openalpr/reads")
                .then().statusCode(200).body("received", equalTo("heartbeat"))
                .body("camerasAlive", equalTo(List.of(Reads.EAST_CAMERA)))
                .body("unmappedCameras", equalTo(List.of("98765")));
        assertEquals(1, StackDatabase.count("""
                select count(*) from gateway_api_key where key_prefix = ? and last_used_at > now() - interval '1 minute'""",
                key.substring(0, 12)), "the key's use is recorded");
        assertEquals(1, StackDatabase.count(
                "select count(*) from camera where id = ? and last_heartbeat_at > now() - interval '1 minute'",
                Reads.EAST_CAMERA), "the heartbeat marked the mapped camera alive");
    }

    @Test
    void aKeyOpensOnlyTheIntegrationEndpoints_R27() {
        String key = Integrations.issueKey(Stack.GATEWAY_EAST, "side paths");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Reads.read("7KEY001")).post("/v1/reads")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(key).contentType(ContentType.JSON).body(Reads.read("7KEY002")).post("/v1/reads")
                .then().statusCode(401);
        given().header("Authorization", "Token " + key).post("/v1/cameras/{id}/heartbeat", Reads.EAST_CAMERA)
                .then().statusCode(401);
        given().header("X-Api-Key", key).get("/v1/cameras/health").then().statusCode(401);
        for (String dotted : List.of("/v1/integrations/../reads", "/v1/integrations/%2e%2e/reads",
                "/v1/integrations/openalpr/../../reads", "//v1/integrations/../reads")) {
            int status = given().urlEncodingEnabled(false).header("X-Api-Key", key).contentType(ContentType.JSON)
                    .body(Reads.read("7KEY003")).post(dotted).statusCode();
            assertTrue(status == 401 || status == 404, dotted + " answered " + status);
        }
        assertEquals(0, Reads.storedWithGatewayReadId("7KEY003"));
        given().header("X-Api-Key", key).get("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(401);
        given().auth().preemptive().basic("x", key).contentType(ContentType.JSON)
                .body(Map.of("label", "self-issued", "validDays", 1))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST).then().statusCode(401);
    }

    @Test
    void aGatewayTokenIsNoCredentialOnTheIntegrationEndpoints_R27() {
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON).body(heartbeat())
                .post("/v1/integrations/openalpr/reads")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOnWhileItsSuccessorWorks_R27() throws Exception {
        String old = Integrations.issueKey(Stack.GATEWAY_EAST, "old");
        String successor = Integrations.issueKey(Stack.GATEWAY_EAST, "successor");
        assertEquals(200, postHeartbeat(given().header("X-Api-Key", old)));
        String oldId = StackDatabase.text("select id::text from gateway_api_key where key_prefix = ?",
                old.substring(0, 12));

        given().auth().oauth2(Stack.userToken("manager"))
                .delete("/v1/gateways/{gateway}/api-keys/{id}", Stack.GATEWAY_EAST, oldId)
                .then().statusCode(200).body("active", equalTo(false)).body("revokedBy", equalTo("manager"))
                .body("revokedAt", not(nullValue()));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("gateway.api-key.revoke", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        assertEquals(oldId, logged.get("target"));

        assertEquals(401, postHeartbeat(given().header("X-Api-Key", old)));
        assertEquals(200, postHeartbeat(given().header("X-Api-Key", successor)));

        given().auth().oauth2(Stack.userToken("manager"))
                .delete("/v1/gateways/{gateway}/api-keys/{id}", Stack.GATEWAY_EAST, oldId)
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        given().auth().oauth2(Stack.userToken("manager"))
                .delete("/v1/gateways/{gateway}/api-keys/{id}", Stack.GATEWAY_WEST, oldId)
                .then().statusCode(404);
    }

    @Test
    void anExpiredKeyIsRefused_R27() {
        String key = Integrations.issueKey(Stack.GATEWAY_EAST, "expiring");
        StackDatabase.execute("""
                update gateway_api_key set created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
                where key_prefix = ?""", key.substring(0, 12));
        assertEquals(401, postHeartbeat(given().header("X-Api-Key", key)));
    }

    @Test
    void onlyTheCustodianIssuesKeysAndARefusalIsLogged_R8_R27() {
        given().auth().oauth2(Stack.userToken("officer")).contentType(ContentType.JSON)
                .body(Map.of("label", "mine", "validDays", 30))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(403).contentType("application/problem+json");
        Map<String, Object> refused = StackDatabase.lastAudit();
        assertEquals("gateway.api-key.issue", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertEquals("officer", refused.get("username"));

        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(Map.of("label", "self-issued", "validDays", 30))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST).then().statusCode(403);
    }

    @Test
    void aKeyRequestOutsideTheBoundsIsRefusedNamingTheField_R27() {
        given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(Map.of("label", "forever", "validDays", 5000))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(400).body("violations[0].field", equalTo("validDays"));
        given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(Map.of("label", "<script>", "validDays", 5))
                .post("/v1/gateways/{gateway}/api-keys", Stack.GATEWAY_EAST)
                .then().statusCode(400).body("violations[0].field", equalTo("label"));
    }

    @Test
    void aGuessedKeyOrTwoDifferentKeysAreRefused_R27() {
        String key = Integrations.issueKey(Stack.GATEWAY_EAST, "one of two");
        String other = Integrations.issueKey(Stack.GATEWAY_EAST, "two of two");
        assertEquals(401, postHeartbeat(given().header("X-Api-Key", key).header("Authorization", "Token " + other)));
        String guess = "alprk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII)).substring(0, 43);
        assertEquals(401, postHeartbeat(given().header("X-Api-Key", guess)));
        assertEquals(401, postHeartbeat(given().header("X-Api-Key", key.substring(0, key.length() - 1))));
        assertEquals(401, postHeartbeat(given()));
    }
}
