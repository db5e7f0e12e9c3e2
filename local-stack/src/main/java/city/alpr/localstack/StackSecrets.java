package city.alpr.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets of a local stack: generated on first use, never committed. A local run keeps them in its state
 * directory (readable by the owner only) so that the data it kept stays readable; tests generate fresh ones.
 */
public record StackSecrets(String superuserPassword, String ownerPassword, String ingestPassword, String masterKey,
        String gatewayEastSecret, String gatewayWestSecret, String managerPassword, String officerPassword,
        String auditorPassword, String contractorPassword) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static StackSecrets generate() {
        return new StackSecrets(random(), random(), random(), newMasterKey(), random(), random(),
                random(), random(), random(), random());
    }

    public static StackSecrets loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            return new StackSecrets(properties.getProperty("superuser"), properties.getProperty("owner"),
                    properties.getProperty("ingest"), properties.getProperty("master-key"),
                    properties.getProperty("gateway-east"), properties.getProperty("gateway-west"),
                    properties.getProperty("manager"), properties.getProperty("officer"),
                    properties.getProperty("auditor"), properties.getProperty("contractor"));
        }
        StackSecrets secrets = generate();
        Properties properties = new Properties();
        properties.setProperty("superuser", secrets.superuserPassword());
        properties.setProperty("owner", secrets.ownerPassword());
        properties.setProperty("ingest", secrets.ingestPassword());
        properties.setProperty("master-key", secrets.masterKey());
        properties.setProperty("gateway-east", secrets.gatewayEastSecret());
        properties.setProperty("gateway-west", secrets.gatewayWestSecret());
        properties.setProperty("manager", secrets.managerPassword());
        properties.setProperty("officer", secrets.officerPassword());
        properties.setProperty("auditor", secrets.auditorPassword());
        properties.setProperty("contractor", secrets.contractorPassword());
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Generated secrets of the local ALPR stack; delete the state directory to reset");
        }
        return secrets;
    }

    /** 32 random bytes, base64: an AES-256 key-encryption key. */
    private static String newMasterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
