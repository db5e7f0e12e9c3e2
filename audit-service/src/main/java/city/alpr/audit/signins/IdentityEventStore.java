package city.alpr.audit.signins;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The table {@code identity_event}: which of Keycloak's events are in the access log already, the recent ones. */
@ApplicationScoped
class IdentityEventStore {

    /** The newest event of a kind already copied, or null if none was. */
    Uni<Instant> newestCopied(SqlClient client, IdentityEvent.Kind kind) {
        return client.preparedQuery("select max(event_time) as newest from identity_event where kind = $1")
                .execute(Tuple.of(kind.column()))
                .map(rows -> {
                    OffsetDateTime newest = rows.iterator().next().getOffsetDateTime("newest");
                    return newest == null ? null : newest.toInstant();
                });
    }

    /**
     * Marks the event copied, in the transaction that copies it: false if it was copied already. A replica that
     * copies the same event at the same time waits for the other's transaction, then finds it copied.
     */
    Uni<Boolean> markCopied(SqlClient transaction, IdentityEvent event) {
        return transaction.preparedQuery("insert into identity_event (kind, event_id, event_time) values ($1, $2, $3)"
                + " on conflict do nothing")
                .execute(Tuple.of(event.kind().column(), event.id(), event.time().atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    /** Forgets the events of a kind older than {@code before}, which no later read of Keycloak's events returns. */
    Uni<Void> forgetBefore(SqlClient transaction, IdentityEvent.Kind kind, Instant before) {
        return transaction.preparedQuery("delete from identity_event where kind = $1 and event_time < $2")
                .execute(Tuple.of(kind.column(), before.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
