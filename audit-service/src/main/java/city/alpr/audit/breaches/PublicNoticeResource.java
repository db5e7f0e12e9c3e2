package city.alpr.audit.breaches;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The breach notices posted and not yet withdrawn (R24): public, no sign-in. */
@Path("/v1/public/breach-notices")
@Tag(name = "Public")
@PermitAll
public class PublicNoticeResource {

    private final Pool pool;
    private final BreachStore store;

    PublicNoticeResource(Pool pool, BreachStore store) {
        this.pool = pool;
        this.store = store;
    }

    @GET
    @Operation(summary = "Breach notices currently posted, newest first")
    @APIResponse(responseCode = "200", description = "The notices")
    public Uni<List<PublicNotice>> posted() {
        return store.posted(pool);
    }
}
