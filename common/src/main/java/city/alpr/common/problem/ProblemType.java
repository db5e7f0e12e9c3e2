package city.alpr.common.problem;

/** The kinds of problem the services report; each has a stable type URI, title and HTTP status. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is invalid", 400),
    MALFORMED_BODY("malformed-body", "The request body could not be read", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    FORBIDDEN("forbidden", "Access is not permitted", 403),
    NOT_FOUND("not-found", "Not found", 404),
    CONFLICT("conflict", "The request conflicts with existing data", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    FILE_REFUSED("file-refused", "The file was refused whole", 422),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests at once", 429),
    HTTP_ERROR("http-error", "The request could not be served", 400),
    INTERNAL("internal", "Internal error", 500),
    INTEGRITY("integrity", "A stored record failed its integrity check", 500),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable for a moment", 503),
    OVERLOADED("overloaded", "The service is at capacity", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
