package city.alpr.query.feeds;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import city.alpr.query.QueryConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Down while a hotlist feed is stale or its last file was refused, naming each; a wellness check
 * ({@code /q/health/well}), so a late state file flags the service for its operators without taking it out of
 * service.
 */
@Wellness
@ApplicationScoped
class FeedHealth implements AsyncHealthCheck {

    private final Pool pool;
    private final FeedStore store;
    private final QueryConfig config;

    FeedHealth(Pool pool, FeedStore store, QueryConfig config) {
        this.pool = pool;
        this.store = store;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.all(pool).map(kept -> {
            HealthCheckResponseBuilder health = HealthCheckResponse.named("hotlist-feeds").up();
            for (FeedStatus status : FeedStatus.of(config.hotlistFeeds(), kept, Instant.now())) {
                String state = status.stale() && status.fileModifiedAt() == null ? "stale: never imported"
                        : status.stale() ? "stale since " + status.fileModifiedAt().plus(status.staleAfter())
                                : status.failure() != null ? "last file refused: " + status.failure() : "fresh";
                health.withData(status.name(), state);
                if (status.stale() || status.failure() != null) {
                    health.down();
                }
            }
            return health.build();
        });
    }
}
