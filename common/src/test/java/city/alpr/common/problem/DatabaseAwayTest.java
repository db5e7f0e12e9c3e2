package city.alpr.common.problem;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PostgreSQL restart, failover or full disk, and a pool with no connection free in time, are answered 503 with
 * Retry-After, not as an internal error (R4: gateways retry).
 */
class DatabaseAwayTest {

    @Test
    void serverShuttingDownOrStartingUpIsTheDatabaseAway() {
        assertTrue(ProblemMapper.isDatabaseAway(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null)));
        assertTrue(ProblemMapper.isDatabaseAway(new PgException("the database system is starting up", "FATAL",
                "57P03", null)));
        assertTrue(ProblemMapper.isDatabaseAway(new PgException("connection failure", "FATAL", "08006", null)));
    }

    @Test
    void refusedOrDroppedConnectionsAreTheDatabaseAwayWhereverTheyAreWrapped() {
        assertTrue(ProblemMapper.isDatabaseAway(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(ProblemMapper.isDatabaseAway(new SocketException("Connection reset")));
        assertTrue(ProblemMapper.isDatabaseAway(new ClosedChannelException()));
        assertTrue(ProblemMapper.isDatabaseAway(ClosedConnectionException.INSTANCE));
    }

    @Test
    void aDatabaseOutOfDiskOrMemoryIsTheDatabaseAwayUntilTheOperatorsRemedyIt() {
        assertTrue(ProblemMapper.isDatabaseAway(new PgException("could not extend file: No space left on device",
                "ERROR", "53100", null)));
        assertTrue(ProblemMapper.isDatabaseAway(new PgException("out of memory", "ERROR", "53200", null)));
    }

    @Test
    void aFullPoolQueueOrAnExpiredWaitForAConnectionIsOverloadNotAnInternalError() {
        assertTrue(ProblemMapper.isPoolSaturated(new ConnectionPoolTooBusyException(
                "Connection pool reached max wait queue size of 64")));
        assertTrue(ProblemMapper.isPoolSaturated(new CompletionException(
                new NoStackTraceTimeoutException("Timeout while waiting for connection"))));
        assertFalse(ProblemMapper.isPoolSaturated(new PgException("duplicate key value", "ERROR", "23505", null)));
    }

    @Test
    void errorsOfTheRequestItselfAreNot() {
        assertFalse(ProblemMapper.isDatabaseAway(new PgException("duplicate key value", "ERROR", "23505", null)));
        assertFalse(ProblemMapper.isDatabaseAway(new PgException("permission denied", "ERROR", "42501", null)));
        assertFalse(ProblemMapper.isDatabaseAway(new IllegalStateException("a bug")));
    }
}
