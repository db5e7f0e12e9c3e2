package city.alpr.audit.access;

import java.util.Map;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static city.alpr.audit.support.Stack.MANAGER;
import static city.alpr.audit.support.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R16 behind an ingress: the log records the client the trusted proxy forwards for, not the proxy; the deployment
 * names its proxies (here the test client's own address stands for the ingress).
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAnIngress.class)
class TrustedProxyTest {

    public static class BehindAnIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void behindTheTrustedProxyTheLogNamesTheClientItForwardsFor_R16() {
        as(MANAGER).header("X-Forwarded-For", "198.51.100.23").get("/v1/governance/agencies").then().statusCode(200);
        assertEquals("198.51.100.23", StackDatabase.lastAudit().get("client_address"));
    }
}
