package city.alpr.localstack;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL and a real Keycloak for a service's tests, on free ports and with fresh secrets,
 * and hands the service its own database role (init argument {@value #SERVICE_ROLE}, default the ingest role).
 * Tests read the {@code alpr-test.*} properties to obtain real tokens and to inspect the database as its
 * superuser. A service that signs no one in (the retention job) starts without Keycloak (init argument
 * {@value #KEYCLOAK} {@code false}).
 */
public class AlprStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_ROLE = "service-role";
    public static final String KEYCLOAK = "keycloak";

    private String serviceRole = AlprDatabase.INGEST_ROLE;
    private boolean withKeycloak = true;
    private ScratchDirectory workDirectory;
    private PostgresServer postgres;
    private KeycloakServer keycloak;

    @Override
    public void init(Map<String, String> initArgs) {
        serviceRole = initArgs.getOrDefault(SERVICE_ROLE, AlprDatabase.INGEST_ROLE);
        withKeycloak = Boolean.parseBoolean(initArgs.getOrDefault(KEYCLOAK, "true"));
    }

    @Override
    public Map<String, String> start() {
        StackSecrets secrets = StackSecrets.generate();
        workDirectory = ScratchDirectory.create("alpr-test-stack");
        postgres = PostgresServer.start(workDirectory.path().resolve("pgdata"), FreePorts.next(),
                secrets.superuserPassword());
        AlprDatabase.prepare(postgres, secrets.ownerPassword(), secrets.servicePasswords());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(AlprDatabase.DATABASE));
        config.put("quarkus.datasource.username", serviceRole);
        config.put("quarkus.datasource.password", secrets.servicePasswords().get(serviceRole));
        if (withKeycloak) {
            keycloak = KeycloakServer.start(KeycloakServer.distributionFromSystemProperty(),
                    workDirectory.path().resolve("keycloak"), FreePorts.next(), secrets, KeycloakServer.NO_CONSOLE);
            config.put("quarkus.oidc.auth-server-url", keycloak.issuer());
            config.put("alpr-test.token-endpoint", keycloak.tokenEndpoint());
            config.put("alpr-test.keycloak-url", keycloak.url());
            config.put("alpr-test.keycloak-admin-password", secrets.keycloakAdminPassword());
        }
        if (keycloak != null && AlprDatabase.AUDIT_ROLE.equals(serviceRole)) {
            config.put("alpr.identity-events.keycloak-url", keycloak.url());
            config.put("alpr.identity-events.client-secret", secrets.auditEventsSecret());
        }
        if (AlprDatabase.INGEST_ROLE.equals(serviceRole) || AlprDatabase.QUERY_ROLE.equals(serviceRole)) {
            // only the services that seal and open reads are given the key that does
            config.put("alpr.crypto.master-key", secrets.masterKey());
        }
        config.put("alpr-test.gateway-east-secret", secrets.gatewayEastSecret());
        config.put("alpr-test.gateway-west-secret", secrets.gatewayWestSecret());
        config.put("alpr-test.manager-password", secrets.managerPassword());
        config.put("alpr-test.officer-password", secrets.officerPassword());
        config.put("alpr-test.recruit-password", secrets.recruitPassword());
        config.put("alpr-test.auditor-password", secrets.auditorPassword());
        config.put("alpr-test.contractor-password", secrets.contractorPassword());
        config.put("alpr-test.deputy-password", secrets.deputyPassword());
        config.put("alpr-test.sergeant-password", secrets.sergeantPassword());
        config.put("alpr-test.lockout-drill-password", secrets.lockoutDrillPassword());
        config.put("alpr-test.export-signing-key", secrets.exportSigningKey());
        config.put("alpr-test.export-verifying-key", secrets.exportVerifyingKey());
        config.put("alpr-test.checkpoint-signing-key", secrets.checkpointSigningKey());
        config.put("alpr-test.checkpoint-verifying-key", secrets.checkpointVerifyingKey());
        config.put("alpr-test.db-jdbc-url", postgres.jdbcUrl(AlprDatabase.DATABASE));
        config.put("alpr-test.db-superuser", PostgresServer.SUPERUSER);
        config.put("alpr-test.db-superuser-password", secrets.superuserPassword());
        return config;
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            if (workDirectory != null) {
                workDirectory.close();
            }
        } catch (UncheckedIOException e) {
            // a temp directory left behind must not fail the test run
        }
    }
}
