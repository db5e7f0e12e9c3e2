package city.alpr.ingest.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key a camera engine presented on an integration endpoint, to be checked against the stored hashes. */
final class ApiKeyCredential extends BaseAuthenticationRequest {

    private final ApiKeySecret key;

    ApiKeyCredential(ApiKeySecret key) {
        this.key = key;
    }

    ApiKeySecret key() {
        return key;
    }
}
