package city.alpr.query.feeds;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A California DOJ hotlist file ({@code svs.tbl} stolen vehicles, {@code sfr.tbl} felony vehicles, {@code slr.tbl}
 * stolen plates): the record type is the file's, not the line's. As the published parsers read it
 * (docs/integrations/hotlist-layouts.md, section 1):
 *
 * <pre>
 * DATE07/02/2018 09:00          header: DATE, then MM/DD/YYYY HH:MM
 * ABC1234 CA1220190515          plate (8 columns, padded, or followed by one space), then 12 characters:
 *                                 state (2), county code (2 digits), date of loss YYYYMMDD
 * TOTAL RECORD 0000002          trailer: the number of records, 7 digits
 * </pre>
 *
 * Lines are read from the right (the last 12 characters are state, county and date; what comes before them,
 * trimmed, is the plate), which reads both the padded lines the parsers slice and the single-space lines of the
 * published sample. The header must come first and the trailer last with the count of the records between them: a
 * file cut short in transfer has no trailer, or the wrong count, and is refused rather than taken for the whole list.
 */
final class ClewFile {

    private static final Pattern HEADER = Pattern.compile("DATE(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})");
    private static final Pattern TRAILER = Pattern.compile("TOTAL RECORD\\s*(\\d{1,9})");
    private static final Pattern META = Pattern.compile("(.{2})(\\d{2})(\\d{8})");
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private ClewFile() {
    }

    static FeedFile read(Reader reader, RecordType type, String list, int maxEntries)
            throws IOException, MalformedFeedException {
        FeedLines lines = new FeedLines(reader, maxEntries);
        String header = lines.next();
        if (header == null) {
            throw lines.malformed("the file is empty; a CA DOJ file starts with its DATE header");
        }
        Matcher date = HEADER.matcher(header.strip());
        if (!date.matches()) {
            throw lines.malformed("is not the DATE header (DATEMM/DD/YYYY HH:MM) a CA DOJ file starts with");
        }
        try {
            LocalDateTime.parse(date.group(1), HEADER_TIME);
        } catch (DateTimeParseException e) {
            throw lines.malformed("the header's date is no date");
        }
        int records = 0;
        Integer declared = null;
        for (String text = lines.next(); text != null; text = lines.next()) {
            String line = text.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (declared != null) {
                throw lines.malformed("follows the TOTAL RECORD trailer");
            }
            Matcher trailer = TRAILER.matcher(line);
            if (trailer.matches()) {
                declared = Integer.parseInt(trailer.group(1));
                if (declared != records) {
                    throw lines.malformed("the trailer counts " + declared + " records, the file holds " + records
                            + " (cut short?)");
                }
                continue;
            }
            records++;
            if (line.length() < 13) {
                throw lines.malformed("is too short for a plate and its state, county and date");
            }
            Matcher meta = META.matcher(line.substring(line.length() - 12));
            if (!meta.matches()) {
                throw lines.malformed("does not end in state, county code and date (SSCCYYYYMMDD)");
            }
            String plate = lines.plate(line.substring(0, line.length() - 12));
            String region = lines.region(meta.group(1));
            String lost = lines.day(meta.group(3), "date of loss").toString();
            lines.add(plate, region, type, type.title() + " (CA DOJ " + list + "), county " + meta.group(2)
                    + ", lost " + lost);
        }
        if (declared == null) {
            throw lines.malformed("the file ends without its TOTAL RECORD trailer (cut short?)");
        }
        return lines.file();
    }
}
