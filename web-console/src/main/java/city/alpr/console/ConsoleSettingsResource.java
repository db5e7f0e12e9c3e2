package city.alpr.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The deployment's addresses for the console's scripts, so that one build of the console serves every city. */
@Path("/settings.json")
public class ConsoleSettingsResource {

    private final ConsoleSettings settings;

    ConsoleSettingsResource(ConsoleConfig config) {
        this.settings = ConsoleSettings.from(config);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ConsoleSettings settings() {
        return settings;
    }
}
