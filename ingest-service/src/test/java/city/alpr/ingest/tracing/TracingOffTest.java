package city.alpr.ingest.tracing;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Without a collector, tracing stays off the hot path: the SDK is not started, so no tracer is installed on Vert.x,
 * and neither a request nor a statement of the read's path passes through one.
 */
@QuarkusTest
class TracingOffTest {

    @Inject
    Vertx vertx;

    @Test
    void noCollectorConfiguredMeansNoTracerOnTheReadsPath() {
        assertNull(((VertxInternal) vertx).tracer(), "no tracer on HTTP requests or SQL statements");
    }
}
