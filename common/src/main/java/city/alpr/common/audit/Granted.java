package city.alpr.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a granted access produced, and what the access log records of it.
 *
 * @param resultCount the number of records returned or changed
 * @param target the record created or acted on, when only known after the work (a new id)
 * @param purpose the purpose the access served, when only known after the work (an alert's hotlist entry)
 * @param caseNumber the case the access concerned, when only known after the work (a decision on a request)
 * @param found what the work found that the log must show beside what was asked (a record's state before
 *        it was changed); added to the record's data elements
 */
public record Granted<T>(T value, int resultCount, String target, String purpose, String caseNumber,
        Map<String, Object> found) {

    public Granted(T value, int resultCount, String target) {
        this(value, resultCount, target, null, null, Map.of());
    }

    public static <T> Granted<T> of(T value, int resultCount) {
        return new Granted<>(value, resultCount, null, null, null, Map.of());
    }

    /** The same result, logged under the case it concerned. */
    public Granted<T> inCase(String caseNumber) {
        return new Granted<>(value, resultCount, target, purpose, caseNumber, found);
    }

    /** The same result, logged under the purpose and case it served. */
    public Granted<T> servingCase(String purpose, String caseNumber) {
        return new Granted<>(value, resultCount, target, purpose, caseNumber, found);
    }

    /** The same result, with what the work found added to the record. */
    public Granted<T> finding(String element, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(found);
        more.put(element, value);
        return new Granted<>(this.value, resultCount, target, purpose, caseNumber, Map.copyOf(more));
    }

    /** The data elements of the access's record: what was asked for, then what the work found. */
    public Map<String, Object> dataElements(Map<String, Object> asked) {
        if (found.isEmpty()) {
            return asked;
        }
        Map<String, Object> elements = new LinkedHashMap<>(asked == null ? Map.of() : asked);
        elements.putAll(found);
        return elements;
    }
}
