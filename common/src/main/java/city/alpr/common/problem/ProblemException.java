package city.alpr.common.problem;

import java.util.List;

/** Thrown by application code to answer with a problem; the mapper turns it into problem+json. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;

    public ProblemException(ProblemType type, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(ProblemType.INVALID_REQUEST,
                violations.size() + " field(s) rejected; nothing was stored",
                violations.stream().sorted(Violation.ORDER).toList());
    }

    /** A body that stopped arriving before its end (the client went away, or its stream broke). */
    public static ProblemException bodyCutShort() {
        return new ProblemException(ProblemType.MALFORMED_BODY, "The body could not be read to its end; nothing was stored");
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException forbidden(String detail, List<Violation> violations) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, violations.stream().sorted(Violation.ORDER).toList());
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }
}
