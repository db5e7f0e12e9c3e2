package city.alpr.common.problem;

import java.util.Comparator;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One rejected field. {@code index} is the position of the item in a batch request, absent when the request
 * is not a batch; {@code field} is the JSON path of the field inside that item.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(Integer index, String field, String message) {

    /** The order violations are reported in: by item, then by field. */
    public static final Comparator<Violation> ORDER = Comparator
            .comparing(Violation::index, Comparator.nullsFirst(Integer::compare))
            .thenComparing(Violation::field);

    public static Violation of(String field, String message) {
        return new Violation(null, field, message);
    }

    public static Violation atItem(int index, String field, String message) {
        return new Violation(index, field, message);
    }
}
