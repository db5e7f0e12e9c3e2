package city.alpr.query.alerts;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.QueryConfig;

/**
 * The live alert streams each person holds open on this replica, at most the policy's {@code alert-streams-per-user}:
 * a client that opens streams in a loop takes no more than its share of connections and log records.
 */
@ApplicationScoped
class OpenStreams {

    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int perUser;

    OpenStreams(QueryConfig config) {
        this.perUser = config.policy().alertStreamsPerUser();
    }

    int perUser() {
        return perUser;
    }

    /** @return false when the person holds the most streams they may already */
    boolean tryOpen(String username) {
        boolean[] opened = new boolean[1];
        open.compute(username, (user, count) -> {
            int held = count == null ? 0 : count;
            opened[0] = held < perUser;
            return opened[0] ? held + 1 : held;
        });
        return opened[0];
    }

    void close(String username) {
        open.computeIfPresent(username, (user, count) -> count <= 1 ? null : count - 1);
    }
}
