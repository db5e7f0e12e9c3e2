package city.alpr.audit.access;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.localstack.StackUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R8, R16: who may call what. Every protected endpoint refuses a caller without a token, with an expired token or a
 * forged one, a camera gateway's, the realm's admin-cli's or one naming no user (401), and an officer and the
 * contractor (403, each refusal logged); the custodian
 * may not run audits and compliance staff may not change governance records.
 */
@QuarkusTest
class RoleMatrixTest {

    private record Endpoint(String name, Function<RequestSpecification, Response> call, List<String> allowed) {
    }

    private static final String ID = "00000000-0000-0000-0000-000000000000";
    private static final List<String> OVERSIGHT = List.of(StackUsers.AUDITOR, StackUsers.MANAGER);
    private static final List<String> CUSTODIAN = List.of(StackUsers.MANAGER);
    private static final List<String> AUDITORS = List.of(StackUsers.AUDITOR);

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("log search", r -> r.get("/v1/audit/events"), OVERSIGHT),
            new Endpoint("log export", r -> r.get("/v1/audit/events.csv"), OVERSIGHT),
            new Endpoint("verify", r -> r.get("/v1/audit/verify"), OVERSIGHT),
            new Endpoint("checkpoints", r -> r.get("/v1/audit/checkpoints"), OVERSIGHT),
            new Endpoint("sign checkpoint", r -> r.post("/v1/audit/checkpoints"), AUDITORS),
            new Endpoint("report", r -> r.get("/v1/audit/report"), OVERSIGHT),
            new Endpoint("runs", r -> r.get("/v1/audit/runs"), OVERSIGHT),
            new Endpoint("start run", r -> r.contentType(ContentType.JSON)
                    .body(Map.of("from", "2024-01-01T00:00:00Z", "to", "2024-01-02T00:00:00Z")).post("/v1/audit/runs"),
                    AUDITORS),
            new Endpoint("sign off", r -> r.contentType(ContentType.JSON).body(Map.of("conclusion", "ok"))
                    .post("/v1/audit/runs/" + ID + "/sign-off"), AUDITORS),
            new Endpoint("training", r -> r.get("/v1/governance/training"), OVERSIGHT),
            new Endpoint("record training", r -> r.contentType(ContentType.JSON).body(Map.of("username", "x", "course", "c",
                    "completedAt", "2026-01-01T00:00:00Z", "expiresAt", "2027-01-01T00:00:00Z"))
                    .post("/v1/governance/training"), CUSTODIAN),
            new Endpoint("grants", r -> r.get("/v1/governance/contractor-grants"), OVERSIGHT),
            new Endpoint("revoke grant", r -> r.post("/v1/governance/contractor-grants/" + ID + "/revocation"), CUSTODIAN),
            new Endpoint("agencies", r -> r.get("/v1/governance/agencies"), OVERSIGHT),
            new Endpoint("deactivate agency", r -> r.post("/v1/governance/agencies/none/deactivation"), CUSTODIAN),
            new Endpoint("breaches", r -> r.get("/v1/breaches"), OVERSIGHT),
            new Endpoint("breach", r -> r.get("/v1/breaches/" + ID), OVERSIGHT),
            new Endpoint("withdraw notice", r -> r.post("/v1/breaches/" + ID + "/notice/withdrawal"), CUSTODIAN));

    @Test
    void callersWithoutAValidTokenAreRefused401R8() {
        String expired = StackUsers.expiredToken();
        String forged = StackUsers.token(StackUsers.AUDITOR);
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        String gateway = gatewayToken();
        String adminCli = StackUsers.tokenOfClient("admin-cli", StackUsers.AUDITOR);
        String namingNoUser = StackUsers.tokenOfClient("alpr-claims-probe", StackUsers.AUDITOR);
        for (Endpoint endpoint : ENDPOINTS) {
            assertEquals(401, endpoint.call().apply(given()).statusCode(), endpoint.name() + " without a token");
            assertEquals(401, endpoint.call().apply(given().auth().oauth2(expired)).statusCode(), endpoint.name() + " expired");
            assertEquals(401, endpoint.call().apply(given().auth().oauth2(forged)).statusCode(), endpoint.name() + " forged");
            assertEquals(401, endpoint.call().apply(given().auth().oauth2(gateway)).statusCode(),
                    endpoint.name() + " with a gateway's token, which is for ingest only");
            assertEquals(401, endpoint.call().apply(given().auth().oauth2(adminCli)).statusCode(),
                    endpoint.name() + " with a token of the realm's admin-cli");
            assertEquals(401, endpoint.call().apply(given().auth().oauth2(namingNoUser)).statusCode(),
                    endpoint.name() + " with a token that names no user");
        }
    }

    private static String gatewayToken() {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", "gateway-east")
                .formParam("client_secret", StackDatabase.config("alpr-test.gateway-east-secret"))
                .post(StackDatabase.config("alpr-test.token-endpoint")).then().statusCode(200).extract().path("access_token");
    }

    @Test
    void rolesOutsideTheMatrixAreRefused403AndLoggedR8R16() {
        for (Endpoint endpoint : ENDPOINTS) {
            for (String user : List.of(StackUsers.OFFICER, StackUsers.CONTRACTOR, StackUsers.AUDITOR, StackUsers.MANAGER)) {
                if (endpoint.allowed().contains(user)) {
                    continue;
                }
                assertEquals(403, endpoint.call().apply(given().auth().oauth2(StackUsers.token(user))).statusCode(),
                        endpoint.name() + " as " + user);
                Map<String, Object> refusal = StackDatabase.lastAudit();
                assertEquals(List.of("refused", user), List.of(refusal.get("outcome"), refusal.get("username")),
                        endpoint.name());
            }
        }
    }

    @Test
    void publicEndpointsNeedNoTokenR24R26() {
        assertEquals(200, given().get("/v1/public/transparency").statusCode());
        assertEquals(200, given().get("/v1/public/breach-notices").statusCode());
    }
}
