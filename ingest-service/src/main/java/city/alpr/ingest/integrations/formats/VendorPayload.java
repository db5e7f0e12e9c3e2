package city.alpr.ingest.integrations.formats;

import java.util.List;

/** What one vendor payload is: reads to store, a heartbeat of cameras, or a message acknowledged and not kept. */
public sealed interface VendorPayload {

    record Reads(List<VendorRead> reads) implements VendorPayload {
    }

    /** The cameras an engine reports alive, by the vendor's ids. */
    record Heartbeat(List<String> vendorCameraIds) implements VendorPayload {
    }

    /** A message of the vendor's protocol that carries no read to store (per-frame results, alerts of its own). */
    record Acknowledged(String what) implements VendorPayload {
    }
}
