package city.alpr.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A town's traffic: a fixed pool of vehicles (plate, make, color, rendered plate crop) passing the cameras, so
 * plates recur across cameras as they do on real roads. Produces read submissions as JSON.
 */
public final class Vehicles {

    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final List<String> MAKES = List.of("Toyota", "Honda", "Ford", "Chevrolet", "Tesla", "Nissan");
    private static final List<String> COLORS = List.of("White", "Black", "Silver", "Gray", "Blue", "Red");
    private static final List<String> TYPES = List.of("Sedan", "SUV", "Pickup", "Van");

    private static final long POOL_SEED = 42;

    private record Vehicle(String plate, String make, String color, String type, String plateImageBase64) {
    }

    private final List<Vehicle> pool;
    private final List<String> cameras;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();
    private final Random random = new Random();

    public Vehicles(int poolSize, int imageBytes, List<String> cameras, String runId) {
        Random seeds = new Random(POOL_SEED);
        this.pool = IntStream.range(0, poolSize).mapToObj(i -> vehicle(californiaPlate(seeds), imageBytes, seeds))
                .toList();
        this.cameras = List.copyOf(cameras);
        this.runId = runId;
    }

    /** Vehicles bearing these plates (a hotlist's, say) passing the cameras, each read as often as the others. */
    public Vehicles(List<String> plates, int imageBytes, List<String> cameras, String runId) {
        Random seeds = new Random(POOL_SEED);
        this.pool = plates.stream().map(plate -> vehicle(plate, imageBytes, seeds)).toList();
        this.cameras = List.copyOf(cameras);
        this.runId = runId;
    }

    private static Vehicle vehicle(String plate, int imageBytes, Random seeds) {
        return new Vehicle(plate, MAKES.get(seeds.nextInt(MAKES.size())), COLORS.get(seeds.nextInt(COLORS.size())),
                TYPES.get(seeds.nextInt(TYPES.size())),
                Base64.getEncoder().encodeToString(PlateImages.jpeg(plate, imageBytes, seeds.nextLong())));
    }

    /** The plate of the first vehicle of every pool, which the simulator reads again and again: for demos. */
    public static String recurringPlate() {
        return californiaPlate(new Random(POOL_SEED));
    }

    /** California's current format: a digit, three letters, three digits (e.g. 8MJR412). */
    public static String californiaPlate(Random random) {
        StringBuilder plate = new StringBuilder().append(1 + random.nextInt(9));
        for (int i = 0; i < 3; i++) {
            plate.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return plate.append(String.format("%03d", random.nextInt(1000))).toString();
    }

    /**
     * A read as a gateway holds it until it is delivered: which vehicle passed which camera when. Its JSON, the plate
     * image most of all, is rendered only when it is sent, so a gateway can hold a long backlog.
     */
    public record Read(long sequence, int vehicle, int camera, int confidence, Instant capturedAt) {
    }

    /** A camera reads a plate now: a read with a gateway read id unique to this run. */
    public Read capture() {
        return new Read(sequence.incrementAndGet(), random.nextInt(pool.size()), random.nextInt(cameras.size()),
                80 + random.nextInt(20), Instant.now());
    }

    /** What a camera engine knows of one read, to render in its own format ({@link Wire}). */
    public record Sighting(String readId, String cameraId, Instant capturedAt, String plate, int confidence,
            String plateImageBase64, String make, String color, String type) {
    }

    /** The read as an engine sees it, with a read id unique to this run. */
    public Sighting sighting(Read read) {
        Vehicle vehicle = pool.get(read.vehicle());
        return new Sighting(runId + "-" + read.sequence(), cameras.get(read.camera()), read.capturedAt(),
                vehicle.plate(), read.confidence(), vehicle.plateImageBase64(), vehicle.make(), vehicle.color(),
                vehicle.type());
    }

    /** A JSON array of {@code count} reads captured now, each with a gateway read id unique to this run. */
    public String batch(int count) {
        List<Read> reads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reads.add(capture());
        }
        return json(reads);
    }

    /** The reads as the JSON array ingest accepts. */
    public String json(List<Read> reads) {
        StringBuilder json = new StringBuilder(reads.size() * 12_000).append('[');
        for (Read read : reads) {
            if (json.length() > 1) {
                json.append(',');
            }
            Vehicle vehicle = pool.get(read.vehicle());
            json.append("{\"gatewayReadId\":\"").append(runId).append('-').append(read.sequence())
                    .append("\",\"cameraId\":\"").append(cameras.get(read.camera()))
                    .append("\",\"capturedAt\":\"").append(read.capturedAt())
                    .append("\",\"plate\":\"").append(vehicle.plate())
                    .append("\",\"region\":\"CA\",\"confidence\":0.").append(read.confidence())
                    .append(",\"plateImage\":\"").append(vehicle.plateImageBase64())
                    .append("\",\"vehicle\":{\"make\":\"").append(vehicle.make())
                    .append("\",\"color\":\"").append(vehicle.color())
                    .append("\",\"type\":\"").append(vehicle.type()).append("\"}}");
        }
        return json.append(']').toString();
    }
}
