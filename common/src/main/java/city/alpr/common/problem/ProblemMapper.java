package city.alpr.common.problem;

import java.io.CharConversionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import city.alpr.common.crypto.TamperedCiphertextException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one place where errors become RFC 9457 problem details. Every answer names the rejected fields, never
 * an exception class or a stack trace.
 */
public class ProblemMapper {

    private static final int DATABASE_RETRY_AFTER_SECONDS = 2;
    private static final int BUSY_RETRY_AFTER_SECONDS = 5;
    /** A saturated service frees up within a second or so; sooner retries would only add to the load. */
    public static final int OVERLOADED_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.type(), e.getMessage(), uri, e.violations());
        return e.type() == ProblemType.TOO_MANY_REQUESTS
                ? Response.fromResponse(response).header("Retry-After", BUSY_RETRY_AFTER_SECONDS).build()
                : response;
    }

    /** A sealed record that does not open, or does not belong where it is stored: the database was tampered with. */
    @ServerExceptionMapper
    public Response tampered(TamperedCiphertextException e, UriInfo uri) {
        Log.errorf("integrity check failed: %s", e.getMessage());
        return respond(ProblemType.INTEGRITY, e.getMessage() + "; nothing was returned", uri, List.of());
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                Log.errorf("response failed validation: %s", violation);
                return respond(ProblemType.INTERNAL, "The response could not be produced", uri, List.of());
            }
            violations.add(toViolation(violation));
        }
        violations.sort(Violation.ORDER);
        return respond(ProblemType.INVALID_REQUEST, violations.size() + " field(s) rejected; nothing was stored",
                uri, violations);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return respond(ProblemType.MALFORMED_BODY, "The body does not match the expected shape" + where, uri,
                    List.of(fromJsonPath(mapping)));
        }
        return respond(ProblemType.MALFORMED_BODY, "The body is not valid JSON" + where, uri, List.of());
    }

    /**
     * Bytes that Jackson takes for UTF-32 by their first four but that are not: the client's mistake, which was
     * answered 500 (found by fuzzing; ingest's {@code ReadSubmissionCorpusTest} replays it).
     */
    @ServerExceptionMapper
    public Response notUnicode(CharConversionException e, UriInfo uri) {
        return respond(ProblemType.MALFORMED_BODY, "The body is not JSON text in UTF-8, UTF-16 or UTF-32", uri,
                List.of());
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(ProblemType.UNAUTHENTICATED, "A valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "Your role does not permit this request", uri, List.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.HTTP_ERROR;
        };
        if (status >= 500) {
            Log.error("request failed", e);
        }
        String detail = status >= 500 ? "The request could not be served" : e.getMessage();
        Problem problem = Problem.of(type, detail, uri.getPath(), List.of());
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(problem.type(), problem.title(), status, detail, problem.instance(), List.of()))
                .build();
    }

    /** Also the Vert.x SQL client's failures, some of which are Throwables rather than Exceptions. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isPoolSaturated(e)) {
            return Response.fromResponse(respond(ProblemType.OVERLOADED, "No database connection came free in time;"
                    + " nothing was stored (resubmitting reads is safe)", uri, List.of()))
                    .header("Retry-After", OVERLOADED_RETRY_AFTER_SECONDS).build();
        }
        if (isDatabaseAway(e)) {
            // a restart or failover of PostgreSQL: expected now and then, and the client's retry is the remedy
            Log.warnf("database unavailable: %s", e.getMessage());
            return Response.fromResponse(respond(ProblemType.DATABASE_UNAVAILABLE, "The database could not be reached;"
                    + " the request took no effect unless a retry finds it done (resubmitting reads is safe)", uri,
                    List.of())).header("Retry-After", DATABASE_RETRY_AFTER_SECONDS).build();
        }
        Log.error("unexpected failure", e);
        return respond(ProblemType.INTERNAL, "The request could not be completed; nothing was stored", uri, List.of());
    }

    /**
     * Whether the request gave up waiting for a database connection: the pool's wait queue was full, or no
     * connection came free within the bounded wait ({@code DatabasePool}).
     */
    static boolean isPoolSaturated(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionPoolTooBusyException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failure means PostgreSQL is away: refused, reset or closed connections (the services' only sockets
     * that fail into a request are their database connections), the server shutting down or starting up (SQLSTATE
     * class 57P, operator intervention, and class 08, connection exception), or out of resources (class 53: its disk
     * full, out of memory or connections), which the operators' remedy ends and the client's retry then succeeds.
     */
    static boolean isDatabaseAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("57P") || pg.getSqlState().startsWith("08")
                            || pg.getSqlState().startsWith("53"))) {
                return true;
            }
            if (cause instanceof SocketException || cause instanceof ClosedChannelException
                    || cause instanceof ClosedConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(ProblemType type, String detail, UriInfo uri, List<Violation> violations) {
        return Response.status(type.status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, detail, uri.getPath(), violations)).build();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns {@code submit.reads[3].plateImage} into index 3, field {@code plateImage}; a list inside an item keeps
     * its position ({@code candidates[1].plate}).
     */
    public static Violation toViolation(ConstraintViolation<?> violation) {
        Integer index = null;
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER -> {
                    // the Java method name means nothing to a client
                }
                case PARAMETER -> {
                    if (node.getIndex() != null) {
                        index = node.getIndex();
                    }
                }
                default -> {
                    if (node.isInIterable() && index == null && field.isEmpty() && node.getIndex() != null) {
                        index = node.getIndex();
                    } else if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && !"<list element>".equals(node.getName())) {
                        if (!field.isEmpty()) {
                            field.append('.');
                        }
                        field.append(node.getName());
                    }
                }
            }
        }
        return new Violation(index, field.isEmpty() ? "body" : field.toString(), violation.getMessage());
    }

    /** Names the field of a JSON body that could not be bound, e.g. index 2, field {@code location.latitude}. */
    private static Violation fromJsonPath(JsonMappingException e) {
        Integer index = null;
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                if (index == null && field.isEmpty()) {
                    index = reference.getIndex();
                } else {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        String message = switch (e) {
            case UnrecognizedPropertyException unknown -> "is not a known field";
            case InvalidFormatException format -> "has the wrong format" + expected(format);
            case MismatchedInputException mismatch -> "has the wrong type" + expected(mismatch);
            default -> "could not be read";
        };
        return new Violation(index, field.isEmpty() ? "body" : field.toString(), message);
    }

    private static String expected(MismatchedInputException e) {
        return e.getTargetType() == null ? "" : " (expected " + describe(e.getTargetType()) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 date-time such as 2026-11-23T06:15:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
