package city.alpr.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.GatewaySimulator;
import city.alpr.simulator.PlateImages;
import city.alpr.simulator.Vehicles;

/**
 * {@code mvn -Prun package}: the whole system on this machine. Data and generated secrets are kept in
 * {@code .local-stack/} between runs; Ctrl-C stops everything this started.
 */
public final class LocalSystem {

    private LocalSystem() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        Path state = root.resolve(".local-stack");
        StackSecrets secrets = StackSecrets.loadOrCreate(state.resolve("secrets.properties"));
        RunningSystem.Ports ports = new RunningSystem.Ports(Integer.getInteger("alpr.postgres.port", 55432),
                Integer.getInteger("alpr.keycloak.port", 8180), Integer.getInteger("alpr.ingest.port", 8081),
                Integer.getInteger("alpr.query.port", 8082), Integer.getInteger("alpr.audit.port", 8083),
                Integer.getInteger("alpr.retention.port", 8084), Integer.getInteger("alpr.console.port", 8085));
        String policy = System.getProperty("alpr.policy", "wildomar-cs3");
        RunningSystem system = RunningSystem.start(root, state, secrets, ports, policy, RunningSystem.Use.TRIAL);
        system.watchRecurringPlate(Vehicles.recurringPlate());
        Files.write(state.resolve("sample-plate.jpg"), PlateImages.jpeg("8MJR412", 8192, 1));

        double rate = Double.parseDouble(System.getProperty("alpr.simulate.rate", "1"));
        if (rate > 0) {
            Thread.ofVirtual().name("gateway-simulator").start(() -> simulate(system, rate));
        }
        System.out.println(banner(system, ports, rate, policy));
        // Ctrl-C or SIGTERM stops the JVM, and with it (StopOnExit) everything the system started
        Thread.currentThread().join();
    }

    private static void simulate(RunningSystem system, double rate) {
        try {
            GatewaySimulator.run(new GatewaySimulator.Settings(URI.create(system.ingest.url()),
                    URI.create(system.keycloak.tokenEndpoint()), "gateway-east", system.secrets.gatewayEastSecret(),
                    RunningSystem.DEMO_CAMERAS.get("gateway-east"), rate, 1, 1, Duration.ofDays(1), 8192));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line that runs the purge once against this local system, as the CronJob runs it. */
    private static String purgeByHand(RunningSystem system) {
        StringBuilder command = new StringBuilder("QUARKUS_HTTP_PORT=0");
        system.environment("retention-service")
                .forEach((name, value) -> command.append(' ').append(name).append('=').append(value));
        return command.append(" java -jar ").append(system.root.resolve("retention-service/target/quarkus-app/quarkus-run.jar"))
                .append(" purge").toString();
    }

    private static String banner(RunningSystem system, RunningSystem.Ports ports, double rate, String policy) {
        StackSecrets s = system.secrets;
        String token = system.keycloak.tokenEndpoint();
        return """

                ================================================================================
                 ALPR platform is running (Ctrl-C stops everything)

                 web console     %21$s   (sign in as one of the demo users below)
                 ingest-service  %1$s      OpenAPI: %1$s/q/swagger-ui
                 query-service   %15$s      OpenAPI: %15$s/q/swagger-ui
                 audit-service   %19$s      OpenAPI: %19$s/q/swagger-ui
                                 public: %19$s/v1/public/transparency
                 retention-service  purged at start, then nightly at 00:15 UTC; receipts in the audit report
                                 purge once by hand, the way the CronJob does:
                                 %20$s
                 policy          %16$s (-Dalpr.policy=town-000 for the Town policy)
                 Keycloak        http://localhost:%2$d   realm 'alpr', administrator admin / %23$s
                 PostgreSQL      127.0.0.1:%3$d   database alpr, superuser postgres / %4$s
                 logs            %5$s

                 demo users (client alpr-web, password grant or authorization code + PKCE):
                   manager    / %6$s   (city-manager: the custodian)
                   officer    / %7$s   (sheriff-officer)
                   sergeant   / %24$s   (sheriff-officer and sheriff-supervisor: approves another
                                officer's access where the policy requires it)
                   recruit    / %18$s   (sheriff-officer without a training record: refused)
                   auditor    / %8$s   (compliance-auditor)
                   contractor / %9$s   (contractor)
                   deputy     / %22$s   (sheriff-officer with a second factor: enrols an authenticator
                                app at the first sign-in in the console, then gives its code each time)
                 demo gateways (client credentials): gateway-east / %10$s
                                                     gateway-west / %11$s
                 cameras: CAM-E01..CAM-E04 (gateway-east), CAM-W01..CAM-W02 (gateway-west)
                 gateway simulator: %12$s
                 demo hotlist "Demo stolen vehicles" watches %17$s, which the simulator reads often

                 try it:
                   TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=gateway-east \\
                     -d client_secret=%10$s %13$s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -i -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                     -d '{"gatewayReadId":"demo-1","cameraId":"CAM-E01","capturedAt":"'$(date -u +%%FT%%TZ)'",
                          "plate":"8MJR412","region":"CA","confidence":0.94,
                          "plateImage":"'$(base64 -w0 %14$s)'"}' %1$s/v1/reads
                   MANAGER=$(curl -s -d grant_type=password -d client_id=alpr-web -d username=manager \\
                     -d password=%6$s %13$s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -s -H "Authorization: Bearer $MANAGER" %1$s/v1/cameras/health
                   curl -s -H "Authorization: Bearer $MANAGER" -H 'Content-Type: application/json' \\
                     -d '{"purpose":"criminal-investigation","caseNumber":"WPD-2026-0001",
                          "plate":{"text":"%17$s"},"from":"'$(date -u -d '-1 hour' +%%FT%%TZ)'",
                          "to":"'$(date -u -d '+1 minute' +%%FT%%TZ)'"}' %15$s/v1/searches
                   curl -N -H "Authorization: Bearer $MANAGER" %15$s/v1/alerts/stream
                   AUDITOR=$(curl -s -d grant_type=password -d client_id=alpr-web -d username=auditor \\
                     -d password=%8$s %13$s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -s -H "Authorization: Bearer $AUDITOR" %19$s/v1/audit/verify
                   curl -s -H "Authorization: Bearer $AUDITOR" '%19$s/v1/audit/events?action=read.*&limit=5'
                ================================================================================
                """.formatted(system.ingest.url(), ports.keycloak(), ports.postgres(), s.superuserPassword(),
                system.root.resolve(".local-stack/logs"), s.managerPassword(), s.officerPassword(),
                s.auditorPassword(), s.contractorPassword(), s.gatewayEastSecret(), s.gatewayWestSecret(),
                rate > 0 ? rate + " read/s from gateway-east (-Dalpr.simulate.rate=0 turns it off)" : "off",
                token, system.root.resolve(".local-stack/sample-plate.jpg"), system.query.url(), policy,
                Vehicles.recurringPlate(), s.recruitPassword(), system.audit.url(), purgeByHand(system), system.console.url(),
                s.deputyPassword(), s.keycloakAdminPassword(), s.sergeantPassword());
    }
}
