package city.alpr.ingest.integrations.formats;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One camera engine's webhook payload, adapted onto the native read (R27): the path segment of
 * {@code /v1/integrations/{format}/reads}, how its multipart posts are laid out, and the adapter itself, which
 * refuses a payload it cannot use with every such field named as the vendor names it.
 */
public interface VendorFormat {

    /** The format's path segment, e.g. {@code openalpr}. */
    String name();

    /** The part names of the format's {@code multipart/form-data} posts; empty if it posts none. */
    default Optional<MultipartParts> multipart() {
        return Optional.empty();
    }

    /** Whether a post may hold an array of reads; otherwise it must be a JSON object. */
    default boolean takesArrays() {
        return false;
    }

    /**
     * Whether the format posts XML ({@code application/xml} or {@code text/xml}), which {@link XmlPayload} reads into
     * the tree the adapter is given. Such a format posts nothing else, and no other format posts XML: each adapter
     * reads the one tree its vendor's documents describe.
     */
    default boolean takesXml() {
        return false;
    }

    /** Why a read of this format may hold no plate image, stored with such a read (unless the setting refuses it). */
    String withoutPlateImage();

    /**
     * @param attachedImage the image of a multipart post, or null
     * @throws city.alpr.common.problem.ProblemException naming the vendor's fields, when the payload is unusable
     */
    VendorPayload adapt(JsonNode payload, byte[] attachedImage);

    /** @param json the part holding the payload; @param image the part holding an image, if the post has one */
    record MultipartParts(String json, String image) {
    }
}
