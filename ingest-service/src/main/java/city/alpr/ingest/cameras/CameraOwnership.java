package city.alpr.ingest.cameras;

import city.alpr.common.reads.ReadDetails;

/** Who may submit a camera's reads (R2), and the site a read of it is sealed with. */
public record CameraOwnership(String gatewayId, boolean active, ReadDetails.Site site) {
}
