package city.alpr.audit.publicrecords;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every access to ALPR data in a period, oldest first (R32). */
@Schema(description = "The accesses to ALPR data in a period, in the columns public-records requests ask for")
public record AccessLogReport(Instant from, Instant to, List<AccessRecord> accesses) {
}
