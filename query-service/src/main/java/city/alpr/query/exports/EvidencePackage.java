package city.alpr.query.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.reads.ReadDetails;

/**
 * An evidence package (R13): a ZIP of the reads as CSV and JSON and their images, with {@value #MANIFEST} listing
 * the SHA-256 of every file, {@value #SIGNATURE} signing the manifest's exact bytes, and the public key. Anyone
 * holding the package can check it; this service also checks that it issued the manifest.
 */
final class EvidencePackage {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "manifest.sig";
    static final String PUBLIC_KEY = "signing-key.pem";
    /** A manifest lists every file of at most 100 reads: a few tens of KB; anything far larger is no manifest. */
    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private EvidencePackage() {
    }

    /** A read to package; its site is the one sealed with it. */
    record ExportedRead(UUID id, OffsetDateTime capturedAt, String cameraId, ReadDetails details,
            boolean hotlistHit, String correctedPlate, List<Image> images) {
    }

    record Image(String kind, String mediaType, byte[] bytes) {

        String fileName(UUID readId) {
            return "images/" + readId + "-" + kind + switch (mediaType) {
                case "image/png" -> ".png";
                case "image/webp" -> ".webp";
                default -> ".jpg";
            };
        }
    }

    record Built(byte[] zip, byte[] manifest, String manifestSha256, String signature, String packageSha256) {
    }

    /** @param header who exported what and why; recorded at the top of the manifest */
    static Built build(ObjectMapper json, ManifestSigner signer, Map<String, Object> header, List<ExportedRead> reads) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("reads.csv", csv(reads).getBytes(StandardCharsets.UTF_8));
        try {
            files.put("reads.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(reads.stream()
                    .map(EvidencePackage::asJson).toList()));
            for (ExportedRead read : reads) {
                for (Image image : read.images()) {
                    files.put(image.fileName(read.id()), image.bytes());
                }
            }
            List<Map<String, Object>> listed = new ArrayList<>();
            files.forEach((path, bytes) -> listed.add(Map.of("path", path, "sha256", sha256(bytes), "bytes", bytes.length)));
            Map<String, Object> manifest = new LinkedHashMap<>(header);
            manifest.put("files", listed);
            byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            String signature = signer.sign(manifestBytes);
            files.put(MANIFEST, manifestBytes);
            files.put(SIGNATURE, signature.getBytes(StandardCharsets.US_ASCII));
            files.put(PUBLIC_KEY, signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            byte[] zip = zip(files);
            return new Built(zip, manifestBytes, sha256(manifestBytes), signature, sha256(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a package says about itself, and every way it fails to match its signed manifest. */
    record Inspection(List<String> problems, String manifestSha256, UUID exportId) {
    }

    /**
     * Checks a package as received: read as {@link PackageArchive} reads a ZIP (both of its views agreeing, hashed
     * as it unpacks, bounded), then every file against the signed manifest.
     */
    static Inspection inspect(Path zip, long unpackAtMost, ObjectMapper json, ManifestSigner signer)
            throws IOException {
        Map<String, PackageArchive.File> files;
        try {
            files = PackageArchive.read(zip, Set.of(MANIFEST, SIGNATURE), MAX_MANIFEST_BYTES, unpackAtMost);
        } catch (PackageArchive.Malformed e) {
            return new Inspection(List.of("not a well-formed package: " + e.getMessage()), null, null);
        }
        PackageArchive.File manifestFile = files.get(MANIFEST);
        PackageArchive.File signatureFile = files.get(SIGNATURE);
        if (manifestFile == null || signatureFile == null) {
            return new Inspection(List.of("the package has no " + MANIFEST + " or no " + SIGNATURE), null, null);
        }
        byte[] manifest = manifestFile.content();
        List<String> problems = new ArrayList<>();
        if (!signer.verify(manifest, new String(signatureFile.content(), StandardCharsets.US_ASCII))) {
            problems.add(SIGNATURE + " is not a valid signature of " + MANIFEST + " by this service's key");
        }
        UUID exportId = null;
        try {
            JsonNode parsed = json.readTree(manifest);
            exportId = UUID.fromString(parsed.path("exportId").asText());
            Set<String> listed = new HashSet<>(Set.of(MANIFEST, SIGNATURE, PUBLIC_KEY));
            for (JsonNode file : parsed.path("files")) {
                String path = file.path("path").asText();
                listed.add(path);
                PackageArchive.File found = files.get(path);
                if (found == null) {
                    problems.add(path + " is listed in the manifest but missing");
                } else if (!found.sha256().equals(file.path("sha256").asText())) {
                    problems.add(path + " does not match its SHA-256 in the manifest");
                }
            }
            files.keySet().stream().filter(path -> !listed.contains(path)).sorted()
                    .forEach(path -> problems.add(path + " is not listed in the manifest"));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(MANIFEST + " is not a manifest this service writes");
        }
        return new Inspection(problems, manifestFile.sha256(), exportId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> asJson(ExportedRead read) {
        ReadDetails details = read.details();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("readId", read.id().toString());
        entry.put("capturedAt", read.capturedAt().toString());
        entry.put("cameraId", read.cameraId());
        entry.put("site", details.site().name());
        entry.put("siteLatitude", details.site().latitude());
        entry.put("siteLongitude", details.site().longitude());
        entry.put("plate", details.plate());
        entry.put("region", details.region());
        entry.put("confidence", details.confidence());
        entry.put("location", details.location());
        entry.put("vehicle", details.vehicle());
        entry.put("hotlistHit", read.hotlistHit());
        entry.put("correctedPlate", read.correctedPlate());
        entry.put("images", read.images().stream().map(image -> image.fileName(read.id())).toList());
        return entry;
    }

    private static String csv(List<ExportedRead> reads) {
        StringBuilder csv = new StringBuilder(
                "readId,capturedAt,cameraId,site,siteLatitude,siteLongitude,plate,region,confidence,latitude,longitude,"
                        + "vehicleMake,vehicleColor,vehicleType,hotlistHit,correctedPlate\n");
        for (ExportedRead read : reads) {
            ReadDetails details = read.details();
            ReadDetails.Location location = details.location();
            ReadDetails.Vehicle vehicle = details.vehicle();
            List<Object> cells = List.of(read.id(), read.capturedAt(), read.cameraId(), cell(details.site().name()),
                    details.site().latitude(), details.site().longitude(),
                    details.plate(), cell(details.region()), cell(details.confidence()),
                    location == null ? "" : cell(location.latitude()), location == null ? "" : cell(location.longitude()),
                    vehicle == null ? "" : cell(vehicle.make()), vehicle == null ? "" : cell(vehicle.color()),
                    vehicle == null ? "" : cell(vehicle.type()), read.hotlistHit(), cell(read.correctedPlate()));
            for (int i = 0; i < cells.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(quote(String.valueOf(cells.get(i))));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static Object cell(Object value) {
        return value == null ? "" : value;
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\""
                : value;
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
