package city.alpr.common.audit;

/**
 * What a granted access produced, and what the access log records of it.
 *
 * @param resultCount the number of records returned or changed
 * @param target      the record created or acted on, when only known after the work (a new id)
 */
public record Granted<T>(T value, int resultCount, String target) {

    public static <T> Granted<T> of(T value, int resultCount) {
        return new Granted<>(value, resultCount, null);
    }
}
