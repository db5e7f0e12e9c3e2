package city.alpr.ingest.admission;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.Problem;
import city.alpr.common.problem.ProblemMapper;
import city.alpr.common.problem.ProblemType;
import city.alpr.ingest.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sheds load instead of queueing it: at most {@code alpr.ingest.max-requests-in-flight} requests to the API are
 * worked on at once; one more is answered 503 with Retry-After as soon as its body has arrived, before it is
 * authenticated, parsed or sealed, and stores nothing. A gateway retries it later with the same reads, which ingest
 * stores once (gatewayReadId). Without this bound, a gateway fleet catching up after an outage queued requests
 * until every one of them timed out.
 */
@ApplicationScoped
public class Admission {

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private final byte[] overloaded;

    Admission(IngestConfig config, MeterRegistry meters, ObjectMapper json) throws JsonProcessingException {
        this.maxInFlight = config.ingest().maxRequestsInFlight();
        this.shed = meters.counter("alpr.ingest.requests.shed");
        meters.gauge("alpr.ingest.requests.in.flight", inFlight);
        this.overloaded = json.writeValueAsBytes(Problem.of(ProblemType.OVERLOADED, "ingest is working on as many"
                + " requests as it may; nothing from this request was stored; retry after the time Retry-After"
                + " gives (resubmitting reads is safe)", null, List.of()));
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            shed.increment();
            refuse(context.request());
            return;
        }
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }

    /**
     * Reads and discards the body before answering, so the gateway's connection stays usable for its retry (an
     * answer while it is still sending would leave the rest of its body on the connection, or reset it).
     */
    private void refuse(HttpServerRequest request) {
        Runnable answer = () -> request.response().setStatusCode(503)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Integer.toString(ProblemMapper.OVERLOADED_RETRY_AFTER_SECONDS))
                .end(Buffer.buffer(overloaded));
        if (request.isEnded()) {
            answer.run();
            return;
        }
        request.handler(discarded -> {
        });
        request.endHandler(ended -> answer.run());
        request.resume();
    }
}
