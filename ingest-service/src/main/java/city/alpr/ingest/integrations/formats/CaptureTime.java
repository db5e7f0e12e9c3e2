package city.alpr.ingest.integrations.formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * A capture time as a vendor sends it: an instant (epoch values, times with a zone), or a wall-clock time without
 * one, which only the camera's configured zone turns into an instant.
 */
public record CaptureTime(Instant instant, LocalDateTime local) {

    /** ISO-8601 with {@code T} or a space between date and time, fractions of any length, an optional zone. */
    private static final DateTimeFormatter ISO_OR_SPACED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    public static CaptureTime ofEpochMillis(long millis) {
        return new CaptureTime(Instant.ofEpochMilli(millis), null);
    }

    public static CaptureTime ofEpochSeconds(long seconds) {
        return new CaptureTime(Instant.ofEpochSecond(seconds), null);
    }

    /** @return empty when the text is not such a time */
    public static Optional<CaptureTime> parse(String text) {
        try {
            var parsed = ISO_OR_SPACED.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
            CaptureTime time = parsed instanceof OffsetDateTime withZone ? new CaptureTime(withZone.toInstant(), null)
                    : new CaptureTime(null, (LocalDateTime) parsed);
            int year = time.instant != null ? time.instant.atOffset(ZoneOffset.UTC).getYear() : time.local.getYear();
            return year >= 1970 && year <= 9999 ? Optional.of(time) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant, in UTC; a wall-clock time is read in the camera's zone. A time a daylight-saving change repeats is
     * taken at the earlier offset, one it skips is moved forward by the gap ({@link LocalDateTime#atZone}): the camera's
     * clock showed it either way.
     */
    public OffsetDateTime in(ZoneId cameraZone) {
        Instant at = instant != null ? instant : local.atZone(cameraZone).toInstant();
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
