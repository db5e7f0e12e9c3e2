package city.alpr.audit.transparency;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import city.alpr.audit.support.LogTable;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static city.alpr.audit.support.Stack.AUDITOR;
import static city.alpr.audit.support.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R26: the public page, without sign-in: the policy, retention, cameras, reads held, searches by purpose, hotlist
 * hits and sharing recipients of the last 30 days, and the newest signed checkpoint anyone can check; no plate,
 * name or case number.
 */
@QuarkusTest
class TransparencyTest {

    @Test
    void publicPageShowsCountsAndNoPersonalDataR26() throws Exception {
        StackDatabase.execute("insert into camera (id, gateway_id, site, latitude, longitude) values "
                + "('CAM-T1', 'gateway-east', 'Clinton Keith Rd at I-15', 33.6, -117.2) on conflict do nothing");
        StackDatabase.execute("insert into agency (id, name, kind, state, level, registered_by) values "
                + "('t-da', 'Transparency County DA', 'prosecutorial', 'CA', 'local', 'manager') on conflict do nothing");
        LogTable.appendAsOf(OffsetDateTime.now().minusDays(1), "secret.deputy", "read.search", "granted",
                "criminal-investigation", "CASE-HIDDEN-1", "{\"plate\": \"HIDE123\"}");
        as(AUDITOR).post("/v1/audit/checkpoints").then().statusCode(201);

        String body = countedSince(Instant.now()).then().statusCode(200)
                .body("policy.profile", equalTo("wildomar-cs3")).body("policy.retentionDays", equalTo(30))
                .body("policy.purposes.name", hasItem("criminal-investigation"))
                .body("cameras.sites.site", hasItem("Clinton Keith Rd at I-15"))
                .extract().asString();
        JsonPath page = JsonPath.from(body);
        assertTrue(page.getLong("searchesByPurpose.criminal-investigation") >= 1);
        for (String personal : new String[] { "secret.deputy", "CASE-HIDDEN-1", "HIDE123", "manager" }) {
            assertFalse(body.contains(personal), "the public page names " + personal);
        }

        // anyone can check the published checkpoint with the published key
        byte[] key = Base64.getDecoder().decode(page.getString("accessLog.verifyingKey"));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key)));
        signature.update(("alpr-access-log-checkpoint\nnumber=" + page.getLong("accessLog.latestCheckpoint.number")
                + "\nseq=" + page.getLong("accessLog.latestCheckpoint.seq") + "\nhash="
                + page.getString("accessLog.latestCheckpoint.hash") + "\nsigned-at="
                + page.getString("accessLog.latestCheckpoint.signedAt") + "\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(signature.verify(Base64.getDecoder().decode(page.getString("accessLog.latestCheckpoint.signature"))));
    }

    @Test
    void thePageListsEachElementTheLawRequiresWithThePolicysWordsAndOffersItsText_R32() throws Exception {
        JsonPath page = countedSince(Instant.now()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("authorized-purposes", "authorized-users", "training", "monitoring", "sharing",
                "custodian", "accuracy", "retention"), page.getList("policy.elements.id"));
        assertEquals("Civil Code 1798.90.51(b)(2)(G)", page.getString("policy.elements[7].law"));
        assertEquals("Section 9", page.getString("policy.elements[7].section"));
        assertEquals("/v1/public/policy", page.getString("policy.document"));

        String text = given().get("/v1/public/policy").then().statusCode(200).contentType("text/plain")
                .header("Content-Disposition", "attachment; filename=\"wildomar-cs3.txt\"").extract().asString();
        assertTrue(text.contains("ADMINISTRATIVE POLICY NO. CS3"), "the policy's own text");
        String words = text.replaceAll("\\s+", " ");
        for (Object quoted : page.getList("policy.elements.text")) {
            assertTrue(words.contains(quoted.toString()), "the page quotes what the policy says: " + quoted);
        }
    }

    @Test
    void aFloodOfRequestsIsAnsweredFromTheLastCountAndCountsNothing_R26() throws Exception {
        countedSince(Instant.now());
        ExecutorService flood = Executors.newFixedThreadPool(32);
        try {
            long started = System.nanoTime();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(flood.submit(() -> given().get("/v1/public/transparency").then().statusCode(200)
                        .extract().path("generatedAt")));
            }
            Set<String> counts = new HashSet<>();
            for (Future<String> answer : answers) {
                counts.add(answer.get(30, TimeUnit.SECONDS));
            }
            // the refresh counts every second here, so a slow machine that takes longer to answer sees more counts;
            // one count per request would be 200
            long secondsOfFlood = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
            assertTrue(counts.size() <= Math.max(3, secondsOfFlood + 1), "200 requests in " + secondsOfFlood
                    + " s were answered from " + counts.size() + " counts, not only from the background refresh's");
        } finally {
            flood.shutdownNow();
        }
    }

    /** The page once the background refresh has counted after this moment. */
    private static Response countedSince(Instant moment) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Response page = given().get("/v1/public/transparency");
            if (Instant.parse(page.path("generatedAt")).isAfter(moment)) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the transparency page was not counted again within 10 s");
    }
}
