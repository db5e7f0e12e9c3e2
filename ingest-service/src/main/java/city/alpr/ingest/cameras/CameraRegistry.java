package city.alpr.ingest.cameras;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The camera registry the custodian keeps, and the facts ingest needs about it. Every registration, change and look
 * at it is judged and logged by the gate (R16): a camera edit names what the camera was and what it became, and a
 * read seals the site its camera had then, so an edit moves none of the past reads.
 */
@ApplicationScoped
public class CameraRegistry {

    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);

    private final CameraStore store;
    private final Gate gate;
    private final Pool pool;
    private final IngestConfig config;

    CameraRegistry(CameraStore store, Gate gate, Pool pool, IngestConfig config) {
        this.store = store;
        this.gate = gate;
        this.pool = pool;
        this.config = config;
    }

    Uni<CameraView> register(CameraRegistration registration) {
        Access access = Access.toRecords("camera.register", CUSTODIAN, Map.of("registration", registration.logged()),
                registration.id());
        return gate.perform(access, (connection, actor) -> store.insert(connection, registration, actor.username())
                .chain(inserted -> {
                    if (!inserted) {
                        throw new ProblemException(ProblemType.CONFLICT, "camera " + registration.id()
                                + " is already registered; update it instead",
                                List.of(Violation.of("id", "is already registered")));
                    }
                    return store.find(connection, registration.id());
                })
                .map(camera -> Granted.of(camera.orElseThrow(), 1)));
    }

    Uni<CameraView> update(String id, CameraRegistration registration) {
        if (!id.equals(registration.id())) {
            throw ProblemException.invalid(List.of(Violation.of("id", "must match the camera in the path (" + id + ")")));
        }
        Access access = Access.toRecords("camera.update", CUSTODIAN, Map.of("registration", registration.logged()), id);
        return gate.perform(access, (connection, actor) -> store.find(connection, id).chain(before -> {
            if (before.isEmpty()) {
                throw ProblemException.notFound("no camera " + id + " is registered");
            }
            return store.update(connection, registration, actor.username())
                    .chain(() -> store.find(connection, id))
                    .map(after -> Granted.of(after.orElseThrow(), 1)
                            .finding("before", before.get().registration()).finding("version", after.get().version()));
        }));
    }

    Uni<CameraView> find(String id) {
        return gate.perform(Access.toRecords("camera.view", CUSTODIAN, Map.of(), id),
                (connection, actor) -> store.find(connection, id).map(camera -> Granted.of(camera.orElseThrow(
                        () -> ProblemException.notFound("no camera " + id + " is registered")), 1)));
    }

    Uni<List<CameraView>> list() {
        return gate.perform(Access.toRecords("camera.list", CUSTODIAN, Map.of(), null),
                (connection, actor) -> store.all(connection).map(cameras -> Granted.of(cameras, cameras.size())));
    }

    /** Records a gateway's heartbeat for one of its own cameras. */
    Uni<Void> heartbeat(String gatewayId, String cameraId) {
        return store.heartbeat(pool, gatewayId, cameraId).chain(beat -> beat ? Uni.createFrom().voidItem()
                : store.find(pool, cameraId).map(camera -> {
                    throw camera.isEmpty() ? ProblemException.notFound("no camera " + cameraId + " is registered")
                            : ProblemException.forbidden("camera " + cameraId + " is not registered to this gateway",
                                    List.of());
                }));
    }

    /** Who owns each of these cameras, and the site a read of it is sealed with. */
    public Uni<Map<String, CameraOwnership>> owners(Collection<String> cameraIds) {
        return store.owners(pool, cameraIds);
    }

    Uni<List<CameraHealth>> health() {
        OffsetDateTime silentBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.ingest().silentAfter());
        return gate.perform(Access.toRecords("camera.health", CUSTODIAN, Map.of(), null),
                (connection, actor) -> store.health(connection, silentBefore)
                        .map(health -> Granted.of(health, health.size())));
    }
}
