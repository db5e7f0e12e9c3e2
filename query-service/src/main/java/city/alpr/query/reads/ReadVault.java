package city.alpr.query.reads;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.DayKeys;
import city.alpr.common.reads.ReadDetails;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.query.QueryConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Opens sealed reads, corrections and images with their capture day's key. Keys of days that have left
 * retention are dropped from memory every hour, so a shredded day cannot be opened from a cache either (R20).
 */
@ApplicationScoped
public class ReadVault {

    private final DayKeys dayKeys;
    private final ObjectMapper json;
    private final int retentionDays;

    ReadVault(DayKeys dayKeys, QueryConfig config, ObjectMapper json) {
        this.dayKeys = dayKeys;
        this.json = json;
        this.retentionDays = config.policy().retentionDays();
    }

    /** The keys of the capture days between two instants that still hold data, read through the caller's connection. */
    public Uni<Map<LocalDate, DataKey>> keys(SqlClient client, OffsetDateTime from, OffsetDateTime to) {
        return dayKeys.readable(client, day(from), day(to));
    }

    /**
     * A read's details, checked against its row: a row whose camera or capture time was changed in the database no
     * longer matches what it seals, and is refused (TamperedCiphertextException).
     */
    public ReadDetails details(DataKey key, UUID readId, byte[] sealed, String cameraId, OffsetDateTime capturedAt) {
        return ReadEnvelope.openDetails(json, key, readId, sealed, cameraId, capturedAt);
    }

    public Correction correction(DataKey key, UUID readId, UUID correctionId, byte[] sealed) {
        return ReadEnvelope.open(json, key, readId, Correction.part(correctionId), sealed, Correction.class);
    }

    public byte[] image(DataKey key, UUID readId, String kind, byte[] sealed) {
        return key.open(sealed, ReadEnvelope.context(readId, kind));
    }

    byte[] sealCorrection(DataKey key, UUID readId, UUID correctionId, Correction correction) {
        return ReadEnvelope.seal(json, key, readId, Correction.part(correctionId), correction);
    }

    public static LocalDate day(OffsetDateTime instant) {
        return instant.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpiredKeys() {
        dayKeys.forgetBefore(LocalDate.now(ZoneOffset.UTC).minusDays(retentionDays));
    }
}
