package city.alpr.console;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Startup;
import io.vertx.ext.web.Router;

/**
 * The content security policy of every answer: the console runs scripts of its own origin only, talks to nothing but
 * Keycloak and the three services, shows images it fetched itself (blob:) and, where the city configured a basemap,
 * the tiles of that one server; it may not be framed. A basemap address that is not https (or http on this machine)
 * or lacks its {z}/{x}/{y} stops the console from starting.
 */
@Startup
@ApplicationScoped
public class ContentSecurityPolicy {

    private final String header;

    ContentSecurityPolicy(ConsoleConfig config) {
        this.header = of(config);
    }

    void everyAnswer(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.response().putHeader("Content-Security-Policy", header);
            context.next();
        });
    }

    static String of(ConsoleConfig config) {
        String tiles = config.basemap().map(basemap -> " " + tileOrigin(basemap.tiles())).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:" + tiles
                + "; connect-src 'self' " + config.realmUrl() + "/ " + config.ingestUrl() + " " + config.queryUrl() + " "
                + config.auditUrl() + " " + config.publicUrl()
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    /** The origin the basemap's tiles come from, which alone the policy admits images from besides the console's. */
    static String tileOrigin(String tiles) {
        List<String> missing = List.of("{z}", "{x}", "{y}").stream().filter(part -> !tiles.contains(part)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("alpr.console.basemap.tiles lacks " + missing + ": " + tiles);
        }
        int authority = tiles.indexOf("://");
        int path = authority < 0 ? -1 : tiles.indexOf('/', authority + 3);
        if (path < 0 || tiles.substring(0, path).contains("{")) {
            throw new IllegalStateException("alpr.console.basemap.tiles must name one tile server, its {z}/{x}/{y} in "
                    + "the path or query (the content security policy admits that server alone): " + tiles);
        }
        URI address = URI.create(tiles.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        String scheme = Optional.ofNullable(address.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        boolean local = "localhost".equals(address.getHost()) || "127.0.0.1".equals(address.getHost());
        if (address.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && local))) {
            throw new IllegalStateException("alpr.console.basemap.tiles must be an https address (http only on this "
                    + "machine): " + tiles);
        }
        return scheme + "://" + address.getHost() + (address.getPort() == -1 ? "" : ":" + address.getPort());
    }
}
