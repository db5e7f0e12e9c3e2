package city.alpr.common.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** RFC 9457 problem details, with the list of rejected fields as an extension member. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://alpr.city/problems/";

    public static Problem of(ProblemType type, String detail, String instance, List<Violation> violations) {
        return new Problem(URI.create(TYPE_BASE + type.slug()), type.title(), type.status(), detail, instance,
                violations);
    }
}
