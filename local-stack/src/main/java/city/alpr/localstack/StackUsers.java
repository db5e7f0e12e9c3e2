package city.alpr.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real tokens from the test stack's Keycloak for the realm's people, as the web console would obtain them (password
 * grant of the {@code alpr-web} client), through the {@code alpr-test.*} properties of {@link AlprStackTestResource}.
 */
public final class StackUsers {

    public static final String MANAGER = "manager";
    public static final String OFFICER = "officer";
    /** A sworn officer who is also a supervisor ({@code sheriff-supervisor}). */
    public static final String SERGEANT = "sergeant";
    /** A sworn officer without a training record. */
    public static final String RECRUIT = "recruit";
    public static final String AUDITOR = "auditor";
    public static final String CONTRACTOR = "contractor";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, IssuedToken> TOKENS = new ConcurrentHashMap<>();

    private record IssuedToken(String token, long issuedAtMillis) {
    }

    private StackUsers() {
    }

    /** A token of one of the realm's users, reused for a minute. */
    public static String token(String username) {
        return TOKENS.compute(username + "@" + StackDatabase.config("alpr-test.token-endpoint"),
                (key, cached) -> cached != null && System.currentTimeMillis() - cached.issuedAtMillis() < 60_000 ? cached
                        : new IssuedToken(issue("alpr-web", username), System.currentTimeMillis()))
                .token();
    }

    /**
     * A genuine token of one of the realm's users from another of its clients: the realm's built-in
     * {@code admin-cli}, whose tokens name none of our services, or the test client {@code alpr-claims-probe}, whose
     * tokens name them but no user and no roles.
     */
    public static String tokenOfClient(String client, String username) {
        return issue(client, username);
    }

    /** A genuine token of the officer that has expired: issued by a client whose tokens live two seconds. */
    public static String expiredToken() {
        String token = issue("alpr-expiry-probe", OFFICER);
        try {
            Thread.sleep(3_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    private static String issue(String client, String username) {
        String form = "grant_type=password&client_id=" + client + "&username=" + encode(username) + "&password="
                + encode(StackDatabase.config("alpr-test." + username + "-password"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(StackDatabase.config("alpr-test.token-endpoint")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response.statusCode()
                        + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
