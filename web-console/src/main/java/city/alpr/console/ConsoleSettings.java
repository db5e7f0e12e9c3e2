package city.alpr.console;

/**
 * What the console's scripts need to know at start: where to sign in, where each service is, and the basemap's tiles
 * if the city serves them.
 */
public record ConsoleSettings(String realmUrl, String clientId, String ingestUrl, String queryUrl, String auditUrl,
        String publicUrl, String basemapTiles, String basemapAttribution) {

    static ConsoleSettings from(ConsoleConfig config) {
        return new ConsoleSettings(config.realmUrl(), config.clientId(), config.ingestUrl(), config.queryUrl(),
                config.auditUrl(), config.publicUrl(), config.basemap().map(ConsoleConfig.Basemap::tiles).orElse(null),
                config.basemap().flatMap(ConsoleConfig.Basemap::attribution).orElse(null));
    }
}
