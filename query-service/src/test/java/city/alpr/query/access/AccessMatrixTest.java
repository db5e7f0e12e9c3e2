package city.alpr.query.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static city.alpr.query.support.Stack.AUDITOR;
import static city.alpr.query.support.Stack.CONTRACTOR;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.lastAudit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint against every caller that must not get through (R8): no token, an expired token, a forged token,
 * a camera gateway, the compliance auditor, and the contractor without a grant. Each refusal of an identified
 * caller is logged (R16).
 */
@QuarkusTest
class AccessMatrixTest {

    private static String expiredToken;

    /** @param auditorMay whether the compliance auditor is one of the roles the endpoint serves */
    record Endpoint(String method, String path, Object body, boolean auditorMay) {

        Endpoint(String method, String path, Object body) {
            this(method, path, body, false);
        }

        RequestSpecification prepare(RequestSpecification request) {
            request.queryParam("purpose", "criminal-investigation").queryParam("caseNumber", "WPD-MATRIX-1");
            if (body instanceof byte[] bytes) {
                return request.contentType("application/zip").body(bytes);
            }
            return body == null ? request : request.contentType(ContentType.JSON).body(body);
        }

        io.restassured.response.Response call(RequestSpecification request) {
            return prepare(request).request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        UUID any = UUID.randomUUID();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString();
        return Stream.of(
                new Endpoint("POST", "/v1/searches", Map.of("purpose", "criminal-investigation",
                        "caseNumber", "WPD-MATRIX-1", "plate", Map.of("text", "7ABC123"),
                        "from", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString(),
                        "to", OffsetDateTime.now(ZoneOffset.UTC).toString())),
                new Endpoint("GET", "/v1/reads/" + any, null),
                new Endpoint("GET", "/v1/reads/" + any + "/images/plate", null),
                new Endpoint("POST", "/v1/reads/" + any + "/corrections", Map.of("purpose", "criminal-investigation",
                        "caseNumber", "WPD-MATRIX-1", "plate", "7ABC123", "reason", "test")),
                new Endpoint("GET", "/v1/hotlists", null),
                new Endpoint("POST", "/v1/hotlists", Map.of("name", "Matrix", "kind", "custom")),
                new Endpoint("GET", "/v1/hotlists/" + any + "/entries", null),
                new Endpoint("POST", "/v1/hotlists/" + any + "/entries", List.of(Map.of("plate", "7ABC123",
                        "source", "NCIC", "reason", "x", "purpose", "criminal-investigation",
                        "caseNumber", "WPD-MATRIX-1", "expiresAt", future))),
                new Endpoint("DELETE", "/v1/hotlists/" + any + "/entries/" + any, null),
                new Endpoint("GET", "/v1/alerts", null),
                new Endpoint("GET", "/v1/alerts/stream", null),
                new Endpoint("POST", "/v1/alerts/" + any + "/disposition", Map.of("disposition", "confirmed")),
                new Endpoint("POST", "/v1/exports", Map.of("purpose", "criminal-investigation",
                        "caseNumber", "WPD-MATRIX-1", "readIds", List.of(any.toString()))),
                new Endpoint("GET", "/v1/exports/" + any, null),
                new Endpoint("GET", "/v1/exports/" + any + "/package", null),
                new Endpoint("POST", "/v1/exports/" + any + "/transfers", Map.of("recipient", "District Attorney")),
                new Endpoint("POST", "/v1/exports/verify", new byte[] { 'P', 'K' }, true),
                new Endpoint("POST", "/v1/shares", Map.of("agencyId", "riverside-da", "purpose", "prosecution",
                        "caseNumber", "WPD-MATRIX-1", "readIds", List.of(any.toString()))),
                new Endpoint("GET", "/v1/shares", null),
                new Endpoint("GET", "/v1/shares/" + any + "/package", null),
                new Endpoint("POST", "/v1/requests", Map.of("caseNumber", "WPD-MATRIX-1", "purpose", "prosecution",
                        "justification", "matrix")),
                new Endpoint("GET", "/v1/requests", null),
                new Endpoint("POST", "/v1/requests/" + any + "/decision", Map.of("approved", true)));
    }

    static Stream<Endpoint> endpointsTheAuditorMayNotUse() {
        return endpoints().filter(endpoint -> !endpoint.auditorMay());
    }

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenIsUnauthenticated_R8(Endpoint endpoint) {
        endpoint.call(given()).then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void expiredTokenIsUnauthenticated_R8(Endpoint endpoint) {
        synchronized (AccessMatrixTest.class) {
            if (expiredToken == null) {
                expiredToken = Stack.expiredToken();
            }
        }
        endpoint.call(given().auth().oauth2(expiredToken)).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void forgedTokenIsUnauthenticated_R8(Endpoint endpoint) {
        String genuine = Stack.token(OFFICER);
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        endpoint.call(given().auth().oauth2(forged)).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsTheAuditorMayNotUse")
    void complianceAuditorIsRefusedAndTheRefusalLogged_R8_R16(Endpoint endpoint) {
        long before = Stack.lastAuditSeq();
        endpoint.call(given().auth().oauth2(Stack.token(AUDITOR))).then().statusCode(403)
                .contentType("application/problem+json");
        assertEquals(before + 1, Stack.lastAuditSeq(), "exactly one record for the refusal");
        Map<String, Object> logged = lastAudit();
        assertEquals(AUDITOR, logged.get("username"));
        assertEquals("refused", logged.get("outcome"));
        assertEquals("compliance-auditor", logged.get("role"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void contractorWithoutGrantIsRefused_R8(Endpoint endpoint) {
        long before = Stack.lastAuditSeq();
        endpoint.call(given().auth().oauth2(Stack.token(CONTRACTOR))).then().statusCode(403);
        assertEquals(before + 1, Stack.lastAuditSeq(), "exactly one record for the refusal");
        assertEquals(CONTRACTOR, lastAudit().get("username"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aCameraGatewaysTokenIsNotForThisService_R8(Endpoint endpoint) {
        String gateway = given().formParam("grant_type", "client_credentials").formParam("client_id", "gateway-east")
                .formParam("client_secret", Stack.config("alpr-test.gateway-east-secret"))
                .post(Stack.config("alpr-test.token-endpoint")).then().statusCode(200).extract().path("access_token");
        endpoint.call(given().auth().oauth2(gateway)).then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aTokenOfTheRealmsAdminCliIsNotForThisService_R8(Endpoint endpoint) {
        endpoint.call(given().auth().oauth2(Stack.tokenOfClient("admin-cli", OFFICER))).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aTokenThatNamesNoUserIsUnauthenticatedNeverAnError_R8_R16(Endpoint endpoint) {
        endpoint.call(given().auth().oauth2(Stack.tokenOfClient("alpr-claims-probe", OFFICER))).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void underWildomarAnOfficerSeesOnlyTheAlertsOfTheirOwnApprovedWatches_R10_R29() {
        given().auth().oauth2(Stack.token(OFFICER)).get("/v1/alerts").then().statusCode(200)
                .body("owner", everyItem(equalTo(OFFICER)));
        assertEquals("alert.list", lastAudit().get("action"));
        given().auth().oauth2(Stack.token(Stack.MANAGER)).get("/v1/alerts").then().statusCode(200);
    }
}
