package city.alpr.console;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the browser finds the identity provider and the services; all as the browser reaches them. */
@ConfigMapping(prefix = "alpr.console")
public interface ConsoleConfig {

    /** The Keycloak realm (the tokens' issuer), e.g. {@code https://auth.city.example/realms/alpr}. */
    String realmUrl();

    /** The public OIDC client the console signs people in with (authorization code + PKCE). */
    @WithDefault("alpr-web")
    String clientId();

    /** ingest-service: the custodian's camera registry and camera health. */
    String ingestUrl();

    /** query-service: searches, reads, hotlists, alerts, exports, sharing, requests. */
    String queryUrl();

    /** audit-service for compliance staff and the custodian: the access log, audits, governance records, breaches. */
    String auditUrl();

    /**
     * audit-service's public pages (the transparency page, breach notices) as everyone reaches them, which may be
     * another entry point than compliance staff's; the console also reads the policy's purposes there.
     */
    String publicUrl();

    /**
     * The basemap under the officers' map: a tile server of the city's own (its GIS), none by default, so that no
     * search sends where it looks to anyone else. The content security policy admits images from its origin only
     * when it is set.
     */
    Optional<Basemap> basemap();

    interface Basemap {
        /**
         * The tiles' address, {@code {z}}, {@code {x}} and {@code {y}} standing for the zoom and the tile (Web Mercator,
         * 256 pixels), e.g. {@code https://gis.city.example/tiles/{z}/{x}/{y}.png}; https, or http on this machine.
         */
        String tiles();

        /** The credit the tile server asks for, shown on the map. */
        Optional<String> attribution();
    }
}
