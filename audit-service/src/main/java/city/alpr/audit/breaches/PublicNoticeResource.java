package city.alpr.audit.breaches;

import java.util.ArrayList;
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

    PublicNoticeResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Breach notices currently posted, newest first")
    @APIResponse(responseCode = "200", description = "The notices")
    public Uni<List<PublicNotice>> posted() {
        return pool.query("""
                select id, notice_title, notice_body, notice_posted_at from breach_incident
                 where notice_posted_at is not null and notice_withdrawn_at is null
                 order by notice_posted_at desc""")
                .execute()
                .map(rows -> {
                    List<PublicNotice> notices = new ArrayList<>();
                    rows.forEach(row -> {
                        var posted = row.getOffsetDateTime("notice_posted_at").toInstant();
                        notices.add(new PublicNotice(row.getUUID("id"), row.getString("notice_title"),
                                row.getString("notice_body"), posted, posted.plus(BreachResource.MINIMUM_POSTING)));
                    });
                    return notices;
                });
    }
}
