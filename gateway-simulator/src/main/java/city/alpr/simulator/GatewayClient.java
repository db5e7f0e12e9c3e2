package city.alpr.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera gateway's connection: a client-credentials token kept fresh, or the gateway's API key as a camera engine
 * sends it, and posting to ingest with retries.
 */
public final class GatewayClient implements AutoCloseable {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    /** How long a request waits for one of the gateway's connections to come free before it is not sent. */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KeepAliveHttp ingest;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String apiKey;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    /** @param connections how many connections to ingest the gateway holds at most, as its firmware does */
    public GatewayClient(URI ingest, URI tokenEndpoint, String clientId, String clientSecret, int connections) {
        this.ingest = new KeepAliveHttp(ingest, connections);
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiKey = null;
    }

    /** A camera engine's connection, authenticated by its gateway's API key (ingest's integration endpoints only). */
    public GatewayClient(URI ingest, String apiKey, int connections) {
        this.ingest = new KeepAliveHttp(ingest, connections);
        this.tokenEndpoint = null;
        this.clientId = null;
        this.clientSecret = null;
        this.apiKey = apiKey;
    }

    /** @param retryAfterSeconds when ingest asked to be retried later (a 503), after how many seconds; else -1 */
    public record Answer(int status, String body, int retryAfterSeconds) {
    }

    /**
     * Posts a JSON body to a path of the ingest service; retries transport failures and 5xx with the same body,
     * after the Retry-After ingest gave if it gave one. A request for which no connection came free in time is not
     * sent at all, and not retried.
     */
    public Answer post(String path, String json, int attempts) throws IOException, InterruptedException {
        return post(path, "application/json", json, attempts);
    }

    /** As {@link #post(String, String, int)}, of a body of this media type (a NIEM engine posts XML). */
    public Answer post(String path, String contentType, String text, int attempts)
            throws IOException, InterruptedException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long pauseMillis = Math.min(2000, 100L << attempt);
            try {
                KeepAliveHttp.Response response = ingest.post(path, authorization(), contentType, body, CONNECTION_WAIT);
                if (response.status() < 500 || attempt == attempts) {
                    return new Answer(response.status(), response.body(), response.retryAfterSeconds());
                }
                pauseMillis = Math.max(pauseMillis, response.retryAfterSeconds() * 1000L);
            } catch (KeepAliveHttp.NotSent busy) {
                throw busy;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(pauseMillis);
        }
        throw last;
    }

    /** Closes the connections the gateway holds to ingest. */
    @Override
    public void close() {
        ingest.close();
    }

    private String authorization() throws IOException, InterruptedException {
        return apiKey != null ? "ApiKey " + apiKey : "Bearer " + token();
    }

    private String token() throws IOException, InterruptedException {
        if (Instant.now().isAfter(renewAt)) {
            synchronized (this) {
                if (Instant.now().isAfter(renewAt)) {
                    fetchToken();
                }
            }
        }
        return token;
    }

    private void fetchToken() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher accessToken = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !accessToken.find()) {
            throw new IOException("token request answered " + response.statusCode() + ": " + response.body());
        }
        Matcher expiresIn = EXPIRES_IN.matcher(response.body());
        long lifetime = expiresIn.find() ? Long.parseLong(expiresIn.group(1)) : 60;
        token = accessToken.group(1);
        renewAt = Instant.now().plusSeconds(Math.max(5, lifetime - 30));
    }
}
