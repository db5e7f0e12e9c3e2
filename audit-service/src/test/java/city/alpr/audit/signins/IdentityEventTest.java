package city.alpr.audit.signins;

import org.junit.jupiter.api.Test;

import city.alpr.common.audit.AuditRecord;
import io.vertx.core.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CJIS 5.4.1.1: how one of Keycloak's events reads in the access log, and what of it is never kept. */
class IdentityEventTest {

    @Test
    void aFailedSignInIsARefusalWithKeycloaksErrorAndWithoutItsTokenIds() {
        IdentityEvent event = IdentityEvent.ofUserEvent(new JsonObject("""
                {"id": "e-1", "time": 1764700000000, "type": "LOGIN_ERROR", "realmId": "r-1", "clientId": "alpr-web",
                 "userId": "u-1", "ipAddress": "10.0.0.9", "error": "invalid_user_credentials",
                 "details": {"username": "officer", "auth_method": "openid-connect", "token_id": "t-1",
                             "refresh_token_id": "t-2", "redirect_uri": "https://console.example/#/"}}"""));

        AuditRecord record = event.auditRecord(event.username());

        assertEquals("identity.login", record.action());
        assertEquals(AuditRecord.Outcome.REFUSED, record.outcome());
        assertEquals("invalid_user_credentials", record.reason());
        assertEquals("officer", record.actor().username());
        assertEquals("10.0.0.9", record.clientAddress());
        assertEquals("alpr-web", record.dataElements().get("client"));
        assertEquals("2025-12-02T18:26:40Z", record.dataElements().get("eventTime"));
        for (String unkept : new String[] { "token_id", "refresh_token_id", "redirect_uri", "username" }) {
            assertFalse(record.dataElements().containsKey(unkept), unkept);
        }
    }

    @Test
    void anAdministratorsChangeNamesTheResourceButNeverKeepsItsRepresentation() {
        IdentityEvent event = IdentityEvent.ofAdminEvent(new JsonObject("""
                {"id": "a-1", "time": 1764700000000, "operationType": "ACTION", "resourceType": "USER",
                 "resourcePath": "users/u-1/reset-password",
                 "representation": "{\\"type\\":\\"password\\",\\"value\\":\\"the-new-password\\"}",
                 "authDetails": {"realmId": "master-id", "clientId": "c-uuid", "userId": "admin-id",
                                 "ipAddress": "10.0.0.1"}}"""));

        AuditRecord record = event.auditRecord("admin-id@master-id");

        assertEquals("identity.admin.action", record.action());
        assertEquals(AuditRecord.Outcome.GRANTED, record.outcome());
        assertEquals("users/u-1/reset-password", record.target());
        assertEquals("USER", record.dataElements().get("resourceType"));
        assertEquals("c-uuid", record.dataElements().get("adminClient"));
        assertNull(record.reason());
        assertFalse(record.dataElements().toString().contains("the-new-password"));
    }

    @Test
    void anEventWithoutAnIdIsRefusedRatherThanCopiedTwice() {
        assertThrows(IllegalStateException.class, () -> IdentityEvent.ofUserEvent(new JsonObject(
                "{\"time\": 1764700000000, \"type\": \"LOGIN\"}")));
    }
}
