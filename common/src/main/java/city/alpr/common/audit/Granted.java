package city.alpr.common.audit;

/**
 * What a granted access produced, and what the access log records of it.
 *
 * @param resultCount the number of records returned or changed
 * @param target      the record created or acted on, when only known after the work (a new id)
 * @param caseNumber  the case the access concerned, when only known after the work (a decision on a request)
 */
public record Granted<T>(T value, int resultCount, String target, String caseNumber) {

    public Granted(T value, int resultCount, String target) {
        this(value, resultCount, target, null);
    }

    public static <T> Granted<T> of(T value, int resultCount) {
        return new Granted<>(value, resultCount, null, null);
    }

    /** The same result, logged under the case it concerned. */
    public Granted<T> inCase(String caseNumber) {
        return new Granted<>(value, resultCount, target, caseNumber);
    }
}
