package city.alpr.query.reads;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A corrected plate and why, stored sealed under the read's day key next to the untouched original (R22). */
@RegisterForReflection
public record Correction(String plate, String normalizedPlate, String region, String reason) {

    static String part(Object correctionId) {
        return "correction/" + correctionId;
    }
}
