package city.alpr.audit.signins;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import city.alpr.localstack.StackUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CJIS 5.4.1.1, R16, R17: sign-ins, failed or not, credential changes and administrators' changes reach the
 * hash-chained access log from the real Keycloak, each once; an audit run flags repeated failures. CJIS 5.5.3,
 * 5.5.5, 5.6.2.2: five wrong passwords lock an account for ten minutes, an idle session ends after 30 minutes, a
 * holder of the second-factor role gets no token by password alone, and the password policy refuses a short one.
 */
@QuarkusTest
class SignInEventsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId REVIEWS = ZoneId.of("America/Los_Angeles");

    @Inject
    IdentityEventCopier copier;

    @Test
    void aFailedAndASuccessfulSignInReachTheHashChainedLogOnce_CJIS_5_4_1_1_R16_R17() {
        String intruder = "intruder-" + System.nanoTime();
        assertEquals(400, passwordGrant(intruder, "guessed-password-1").statusCode());
        assertEquals(200, passwordGrant(StackUsers.OFFICER, StackDatabase.config("alpr-test.officer-password"))
                .statusCode());

        assertTrue(copier.copyNew().await().indefinitely() >= 2);

        JsonPath failed = logOf(intruder, "identity.login");
        assertEquals(List.of("refused"), failed.getList("records.outcome"));
        assertEquals("user_not_found", failed.getString("records[0].reason"));
        assertEquals("audit-service", failed.getString("records[0].service"));
        assertEquals("alpr-web", failed.getString("records[0].dataElements.client"));
        assertFalse(failed.getString("records[0].dataElements.keycloakEvent").isBlank());
        assertTrue(logOf(StackUsers.OFFICER, "identity.login").getList("records.outcome").contains("granted"));

        copier.copyNew().await().indefinitely();
        assertEquals(1, logOf(intruder, "identity.login").getList("records").size(), "copied once");
        as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void repeatedFailedSignInsAreFlaggedByTheAuditRun_CJIS_5_4_1_1_R18() {
        String guesser = "guesser-" + System.nanoTime();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(400, passwordGrant(guesser, "guess-number-" + attempt).statusCode());
        }
        copier.copyNew().await().indefinitely();
        LocalDate today = LocalDate.now(REVIEWS);
        JsonPath run = as(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("from", today.atStartOfDay(REVIEWS).toInstant().toString(),
                        "to", today.plusDays(1).atStartOfDay(REVIEWS).toInstant().toString(), "sampleSize", 1))
                .post("/v1/audit/runs").then().statusCode(201).extract().jsonPath();

        List<String> flagged = run.getList("items.findAll { it.kind == 'repeated-sign-in-failures' }.detail");
        assertTrue(flagged.stream().anyMatch(detail -> detail.startsWith(guesser + " failed to sign in 3 times")
                && detail.contains("user_not_found")), flagged.toString());
    }

    @Test
    void twoReplicasCopyingAtOnceAppendEachEventOnce_CJIS_5_4_1_1_R17() {
        String intruder = "racing-intruder-" + System.nanoTime();
        assertEquals(400, passwordGrant(intruder, "guessed-password-2").statusCode());

        Uni.combine().all().unis(copier.copyNew(), copier.copyNew()).asTuple().await().indefinitely();

        assertEquals(1, logOf(intruder, "identity.login").getList("records").size());
        as(AUDITOR).get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void failuresCopiedLateCountOnTheDayKeycloakSawThem_R18() {
        String guesser = "late-guesser-" + System.nanoTime();
        LocalDate past = LocalDate.now(REVIEWS).minusDays(40);
        String seen = past.atTime(10, 0).atZone(REVIEWS).toInstant().toString();
        for (int attempt = 1; attempt <= 3; attempt++) {
            LogTable.appendAsOf(OffsetDateTime.now(), guesser, "identity.login", "refused", null, null,
                    "{\"eventTime\": \"" + seen + "\"}");
        }

        assertFalse(flaggedFailures(LocalDate.now(REVIEWS)).stream().anyMatch(detail -> detail.startsWith(guesser)));
        assertTrue(flaggedFailures(past).stream().anyMatch(detail -> detail.startsWith(guesser
                + " failed to sign in 3 times on " + past)));
    }

    private static List<String> flaggedFailures(LocalDate day) {
        return as(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("from", day.atStartOfDay(REVIEWS).toInstant().toString(),
                        "to", day.plusDays(1).atStartOfDay(REVIEWS).toInstant().toString(), "sampleSize", 1))
                .post("/v1/audit/runs").then().statusCode(201).extract().jsonPath()
                .getList("items.findAll { it.kind == 'repeated-sign-in-failures' }.detail");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForTenMinutesAndTheLogSaysSo_CJIS_5_5_3() {
        String drill = "lockout-drill";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(400, passwordGrant(drill, "not-the-password-" + attempt).statusCode());
        }
        HttpResponse<String> rightPassword = passwordGrant(drill, StackDatabase.config("alpr-test.lockout-drill-password"));

        assertFalse(rightPassword.body().contains("access_token"), rightPassword.body());
        copier.copyNew().await().indefinitely();
        List<String> reasons = logOf(drill, "identity.login").getList("records.reason");
        assertTrue(reasons.contains("user_temporarily_disabled"), reasons.toString());
        assertTrue(reasons.contains("invalid_user_credentials"), reasons.toString());
    }

    @Test
    void aHolderOfTheSecondFactorRoleGetsNoTokenByPasswordAlone_CJIS_5_6_2_2() {
        HttpResponse<String> passwordOnly = passwordGrant("deputy", StackDatabase.config("alpr-test.deputy-password"));
        HttpResponse<String> guessedCode = post(StackDatabase.config("alpr-test.token-endpoint"),
                "grant_type=password&client_id=alpr-web&username=deputy&otp=123456&password="
                        + encode(StackDatabase.config("alpr-test.deputy-password")));

        // Keycloak answers a holder who never enrolled with 500 unknown_error, a wrong code with 400 invalid_grant
        for (HttpResponse<String> refused : List.of(passwordOnly, guessedCode)) {
            assertTrue(refused.statusCode() >= 400, refused.body());
            assertFalse(refused.body().contains("access_token"), refused.body());
        }
        copier.copyNew().await().indefinitely();
        // Keycloak records no event for a second factor never enrolled: the refusal is all there is
        assertFalse(logOf("deputy", "identity.login").getList("records.outcome").contains("granted"));
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes_CJIS_5_5_5() {
        HttpResponse<String> signIn = passwordGrant(StackUsers.AUDITOR, StackDatabase.config("alpr-test.auditor-password"));

        assertEquals(1800, JsonPath.from(signIn.body()).getInt("refresh_expires_in"), signIn.body());
    }

    @Test
    void anAdministratorsChangeIsLoggedAndAShortPasswordIsRefused_CJIS_5_4_1_1_IA_5() {
        String admin = adminToken();
        String drillId = JsonPath.from(adminCall(admin, "GET", "/users?exact=true&username=lockout-drill", null).body())
                .getString("[0].id");

        HttpResponse<String> shortPassword = adminCall(admin, "PUT", "/users/" + drillId + "/reset-password",
                "{\"type\":\"password\",\"value\":\"Short-1\",\"temporary\":false}");
        assertEquals(400, shortPassword.statusCode(), shortPassword.body());
        assertTrue(shortPassword.body().contains("invalidPasswordMinLength"), shortPassword.body());

        JsonObject drill = new JsonObject(
                adminCall(admin, "GET", "/users/" + drillId, null).body()).put("firstName", "Leigh");
        HttpResponse<String> renamed = adminCall(admin, "PUT", "/users/" + drillId, drill.encode());
        assertEquals(204, renamed.statusCode(), renamed.body());
        copier.copyNew().await().indefinitely();

        JsonPath changes = as(AUDITOR).queryParam("action", "identity.admin.update").queryParam("limit", 100)
                .get("/v1/audit/events").then().statusCode(200).extract().jsonPath();
        assertTrue(changes.getList("records.target").contains("users/" + drillId), changes.prettify());
        assertEquals("USER", changes.getString("records.find { it.target == 'users/" + drillId
                + "' }.dataElements.resourceType"));
    }

    private static JsonPath logOf(String username, String action) {
        return as(AUDITOR).queryParam("username", username).queryParam("action", action)
                .get("/v1/audit/events").then().statusCode(200).extract().jsonPath();
    }

    private static HttpResponse<String> passwordGrant(String username, String password) {
        return post(StackDatabase.config("alpr-test.token-endpoint"), "grant_type=password&client_id=alpr-web&username="
                + encode(username) + "&password=" + encode(password));
    }

    private static String adminToken() {
        HttpResponse<String> response = post(StackDatabase.config("alpr-test.keycloak-url")
                + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=" + encode(StackDatabase.config("alpr-test.keycloak-admin-password")));
        assertEquals(200, response.statusCode(), response.body());
        return JsonPath.from(response.body()).getString("access_token");
    }

    private static HttpResponse<String> adminCall(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(StackDatabase.config("alpr-test.keycloak-url")
                + "/admin/realms/alpr" + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    private static HttpResponse<String> post(String uri, String form) {
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
