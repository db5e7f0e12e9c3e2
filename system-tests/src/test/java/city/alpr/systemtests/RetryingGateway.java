package city.alpr.systemtests;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import city.alpr.launcher.RunningSystem;
import city.alpr.simulator.GatewayClient;
import city.alpr.simulator.Vehicles;
import io.restassured.path.json.JsonPath;

/**
 * A camera gateway that keeps what it could not deliver and sends it again until ingest answers: the same batch,
 * with the same gateway read ids, however often the database is away. Counts what it met on the way.
 */
final class RetryingGateway {

    private static final int BATCH_SIZE = 5;

    private final GatewayClient client;
    private final Vehicles vehicles;
    private final String runId;
    private int batches;
    private int failedAttempts;
    private final Set<Integer> serverErrors = new TreeSet<>();
    private int stored;
    private int duplicates;

    RetryingGateway(RunningSystem system, String gatewayId, String secret, String runId) {
        this.client = new GatewayClient(URI.create(system.ingest.url()), URI.create(system.keycloak.tokenEndpoint()),
                gatewayId, secret, 1);
        this.vehicles = new Vehicles(16, 2048, RunningSystem.DEMO_CAMERAS.get(gatewayId), runId);
        this.runId = runId;
    }

    /** Sends one batch of new reads, retrying transport failures and 5xx answers until it is accepted. */
    void sendBatch() throws InterruptedException {
        String batch = vehicles.batch(BATCH_SIZE);
        batches++;
        while (true) {
            try {
                GatewayClient.Answer answer = client.post("/v1/reads", batch, 1);
                if (answer.status() == 200 || answer.status() == 201) {
                    JsonPath result = JsonPath.from(answer.body());
                    stored += result.getInt("stored");
                    duplicates += result.getInt("duplicates");
                    return;
                }
                if (answer.status() < 500) {
                    throw new AssertionError("ingest refused a batch: " + answer.status() + " " + answer.body());
                }
                serverErrors.add(answer.status());
            } catch (IOException transportFailure) {
                // the connection broke or was refused: keep the batch and try again
            }
            failedAttempts++;
            Thread.sleep(200);
        }
    }

    String runId() {
        return runId;
    }

    int readsSent() {
        return batches * BATCH_SIZE;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    /** The 5xx statuses ingest answered while the gateway retried. */
    Set<Integer> serverErrors() {
        return serverErrors;
    }

    int stored() {
        return stored;
    }

    int duplicates() {
        return duplicates;
    }
}
