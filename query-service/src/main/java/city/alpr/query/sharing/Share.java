package city.alpr.query.sharing;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A share as recorded: to whom, why, how much, and that ownership passed to the recipient. */
@Schema(description = "A share of reads with another agency")
public record Share(UUID id, String agencyId, String agencyName, String purpose, String caseNumber, int readCount,
        String sharedBy, OffsetDateTime sharedAt,
        @Schema(description = "Once obtained, the data is the recipient's (Wildomar CS3 section 6)") boolean ownershipTransferred,
        @Schema(description = "The evidence package handed over") UUID exportId) {
}
