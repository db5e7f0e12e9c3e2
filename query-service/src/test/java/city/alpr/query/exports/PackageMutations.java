package city.alpr.query.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Turns a genuine evidence package into the upload a fuzzer's input describes, so that coverage-guided fuzzing reaches
 * the checks deep in {@link PackageArchive} instead of stopping at the first signature. An input is a program: its
 * first byte picks the starting point (the genuine package as the service writes it, deflated with data descriptors;
 * the same files stored; or the rest of the input as the whole upload), then each 8-byte record edits the bytes at an
 * offset from the start of the file or from one of its ZIP records (set a byte, a 16- or 32-bit field, a size-like
 * value; truncate; insert; delete; repeat a range). The empty input is the genuine package itself.
 */
final class PackageMutations {

    private static final int RECORD = 8;
    private static final int MAX_RECORDS = 16;

    private final byte[] deflated;
    private final byte[] stored;
    private final Map<String, byte[]> files;

    /** @param genuine a package as {@link EvidencePackage#build} writes it */
    PackageMutations(byte[] genuine) throws IOException {
        this.deflated = genuine.clone();
        this.files = streamingView(genuine);
        this.stored = storedZip(files);
    }

    /** The files of the genuine package, by name. */
    Map<String, byte[]> files() {
        return files;
    }

    byte[] apply(byte[] program) {
        if (program.length == 0) {
            return deflated.clone();
        }
        int start = program[0] & 0xFF;
        if (start % 4 == 2) {
            return Arrays.copyOfRange(program, 1, program.length);
        }
        List<Byte> zip = boxed(start % 4 == 1 ? stored : deflated);
        int records = Math.min(MAX_RECORDS, (program.length - 1) / RECORD);
        ByteBuffer ops = ByteBuffer.wrap(program, 1, program.length - 1).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < records && !zip.isEmpty(); i++) {
            int op = ops.get() & 0xFF;
            int anchor = ops.get() & 0xFF;
            int offset = ops.getShort();
            int value = ops.getInt();
            List<Integer> anchors = anchors(zip);
            int at = Math.floorMod(anchors.get(anchor % anchors.size()) + offset, zip.size());
            switch (op % 8) {
                case 0 -> zip.set(at, (byte) value);
                case 1 -> put(zip, at, value, 2);
                case 2 -> put(zip, at, value, 4);
                case 3 -> put(zip, at, interesting(value, zip.size()), 4);
                case 4 -> zip.subList(at, zip.size()).clear();
                case 5 -> zip.subList(at, Math.min(zip.size(), at + 1 + Math.floorMod(value, 64))).clear();
                case 6 -> zip.addAll(at, new ArrayList<>(zip.subList(at, Math.min(zip.size(), at + 1
                        + Math.floorMod(value, 512)))));
                default -> {
                    for (int b = 3; b >= 0; b--) {
                        zip.add(at, (byte) (value >>> (8 * b)));
                    }
                }
            }
        }
        byte[] bytes = new byte[zip.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = zip.get(i);
        }
        return bytes;
    }

    /** A program of random records, for fixed-seed runs without the fuzzer. */
    static byte[] randomProgram(Random random) {
        byte[] program = new byte[1 + RECORD * (1 + random.nextInt(4))];
        random.nextBytes(program);
        program[0] = (byte) (random.nextInt(8) == 0 ? 1 : 0);
        return program;
    }

    /** Values a ZIP reader must not trust: zero, all ones, the sign bit, the file's length and around it. */
    private static int interesting(int value, int length) {
        int[] values = { 0, 1, -1, 0xFFFF, 0x7FFFFFFF, 0x80000000, length, length - 22, length + 1, 1 << 24,
                600_000_000 };
        return values[Math.floorMod(value, values.length)];
    }

    /** The start of the file, and where each local header, directory entry and end record begins. */
    private static List<Integer> anchors(List<Byte> zip) {
        List<Integer> anchors = new ArrayList<>();
        anchors.add(0);
        for (int i = 0; i + 3 < zip.size(); i++) {
            if (zip.get(i) == 'P' && zip.get(i + 1) == 'K' && zip.get(i + 2) < 9 && zip.get(i + 3) < 9) {
                anchors.add(i);
            }
        }
        return anchors;
    }

    private static void put(List<Byte> zip, int at, int value, int bytes) {
        for (int b = 0; b < bytes && at + b < zip.size(); b++) {
            zip.set(at + b, (byte) (value >>> (8 * b)));
        }
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length + 64);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    /** What a reader that follows the entries one after the other sees. */
    static Map<String, byte[]> streamingView(byte[] zip) throws IOException {
        Map<String, byte[]> view = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                view.put(entry.getName(), in.readAllBytes());
            }
        }
        return view;
    }

    /** What unzip and file managers, which follow the central directory, see. */
    static Map<String, byte[]> directoryView(byte[] zip, Path scratch) throws IOException {
        Files.write(scratch, zip);
        Map<String, byte[]> view = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(scratch.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                view.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return view;
    }

    private static byte[] storedZip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(file.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(file.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
