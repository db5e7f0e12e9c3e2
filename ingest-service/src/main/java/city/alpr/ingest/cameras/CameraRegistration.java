package city.alpr.ingest.cameras;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The custodian's registration of a camera, or its new state on update. */
public record CameraRegistration(
        @Schema(examples = "CAM-E01") @NotBlank @Pattern(regexp = CAMERA_ID, message = CAMERA_ID_MESSAGE) String id,
        @Schema(description = "Client id of the gateway that submits this camera's reads", examples = "gateway-east") @NotBlank @Pattern(regexp = GATEWAY_ID, message = GATEWAY_ID_MESSAGE) String gatewayId,
        @Schema(examples = "Main St & 5th Ave, northbound") @NotBlank @Size(max = 200) String site,
        @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double latitude,
        @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double longitude,
        @Schema(description = "False when the camera is decommissioned; its gateway can no longer submit for it") Boolean active) {

    /** A camera's id, wherever a camera is named: its registration, a read, a vendor camera's mapping. */
    public static final String CAMERA_ID = "[A-Za-z0-9._-]{1,64}";
    public static final String CAMERA_ID_MESSAGE = "must be 1-64 letters, digits or . _ -";
    /** A gateway is an OIDC client; its client id names it wherever a camera, key or mapping belongs to it. */
    public static final String GATEWAY_ID = "[A-Za-z0-9._-]{1,64}";
    public static final String GATEWAY_ID_MESSAGE = "must be a gateway's client id: 1-64 letters, digits or . _ -";

    /** A camera is active unless the registration says otherwise. */
    boolean isActive() {
        return active == null || active;
    }

    /** What the registration says, as the access log records a change from it or to it. */
    Map<String, Object> logged() {
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("gatewayId", gatewayId);
        logged.put("site", site);
        logged.put("latitude", latitude);
        logged.put("longitude", longitude);
        logged.put("active", isActive());
        return logged;
    }
}
