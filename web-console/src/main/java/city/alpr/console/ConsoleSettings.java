package city.alpr.console;

/** What the console's scripts need to know at start: where to sign in and where each service is. */
public record ConsoleSettings(String realmUrl, String clientId, String ingestUrl, String queryUrl, String auditUrl,
        String publicUrl) {

    static ConsoleSettings from(ConsoleConfig config) {
        return new ConsoleSettings(config.realmUrl(), config.clientId(), config.ingestUrl(), config.queryUrl(),
                config.auditUrl(), config.publicUrl());
    }
}
