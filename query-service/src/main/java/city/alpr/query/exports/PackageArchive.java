package city.alpr.query.exports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A ZIP file read so that it means one thing to every tool. A ZIP has two views of its files: the entries as they
 * follow one another (what a streaming reader sees) and the central directory at the end (what unzip and file
 * managers show). A package whose views differ, with junk or a second set of entries between them, can verify under
 * one view and show tampered files under the other. So this reads both and requires them to agree exactly: every
 * entry the directory lists, in order, where it says, with the same name, method, sizes and CRC, each following the
 * last with no byte between them, the directory right after the last, and the end record at the very end. No entry
 * carries an extra field or a comment, and no ZIP64 record stands before the end: tools read those differently (a
 * Unicode path field renames a file for some of them, a ZIP64 record hidden in a comment points some of them at
 * another directory), and no package has them. Each file
 * is hashed as it is inflated; only the files asked for are kept, up to a size; the total it may unpack to is bounded,
 * so a small crafted file cannot make it inflate without end.
 */
final class PackageArchive {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int DIRECTORY_ENTRY = 0x02014b50;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int DATA_DESCRIPTOR = 0x08074b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int END_RECORD_BYTES = 22;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int ENCRYPTED = 1;
    private static final int SIZES_AFTER_DATA = 1 << 3;
    private static final int BUFFER = 64 * 1024;
    /** What a package's files are called: relative paths of plain names, no parent steps, no backslashes. */
    private static final Pattern NAME = Pattern.compile("(?!/)(?!.*\\.\\./)(?!\\.\\.$)[A-Za-z0-9._/-]{1,200}");

    private PackageArchive() {
    }

    /** A file of the package: the SHA-256 of its contents, their length, and the contents if they were kept. */
    record File(String sha256, long bytes, byte[] content) {
    }

    /** The package is not a ZIP both views of which agree, or it exceeds a bound. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private record Listed(String name, int flags, int method, long crc, long compressedSize, long size,
            long localHeaderOffset) {
    }

    /**
     * @param keep the files whose contents are wanted (the manifest, its signature)
     * @param keepAtMost the largest a kept file may be
     * @param unpackAtMost the most the whole package may unpack to
     * @return every file, in the order of the archive
     */
    static Map<String, File> read(Path zip, Set<String> keep, int keepAtMost, long unpackAtMost)
            throws IOException, Malformed {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < END_RECORD_BYTES) {
                throw new Malformed("it is too short to be a ZIP file");
            }
            ByteBuffer end = read(channel, size - END_RECORD_BYTES, END_RECORD_BYTES);
            if (end.getInt(0) != END_OF_DIRECTORY) {
                throw new Malformed("it does not end with a ZIP end-of-directory record (no comment or bytes may follow)");
            }
            int disk = u16(end, 4);
            int directoryDisk = u16(end, 6);
            int entriesHere = u16(end, 8);
            int entries = u16(end, 10);
            long directorySize = u32(end, 12);
            long directoryOffset = u32(end, 16);
            int commentLength = u16(end, 20);
            if (disk != 0 || directoryDisk != 0 || entriesHere != entries || commentLength != 0) {
                throw new Malformed("it spans disks or carries a comment, which no package does");
            }
            if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
                throw new Malformed("it is a ZIP64 file, which no package is");
            }
            if (directoryOffset + directorySize != size - END_RECORD_BYTES) {
                throw new Malformed("bytes lie between its central directory and its end record");
            }
            if (size >= END_RECORD_BYTES + ZIP64_LOCATOR_BYTES
                    && read(channel, size - END_RECORD_BYTES - ZIP64_LOCATOR_BYTES, 4).getInt(0) == ZIP64_LOCATOR) {
                throw new Malformed("it is a ZIP64 file, which no package is");
            }
            List<Listed> listed = directory(read(channel, directoryOffset, (int) directorySize), entries);
            long total = 0;
            for (Listed file : listed) {
                total += file.size();
            }
            if (total > unpackAtMost) {
                throw new Malformed("it unpacks to " + total + " bytes; at most " + unpackAtMost + " are verified");
            }
            Map<String, File> files = new LinkedHashMap<>();
            long position = 0;
            for (Listed file : listed) {
                if (file.localHeaderOffset() != position) {
                    throw new Malformed("its central directory places " + file.name() + " at byte "
                            + file.localHeaderOffset() + ", but the entry there starts at byte " + position);
                }
                Unpacked unpacked = unpack(channel, file, keep.contains(file.name()), keepAtMost);
                files.put(file.name(), unpacked.file());
                position = unpacked.next();
            }
            if (position != directoryOffset) {
                throw new Malformed("bytes lie between its last entry and its central directory");
            }
            return files;
        }
    }

    private static List<Listed> directory(ByteBuffer directory, int entries) throws Malformed {
        List<Listed> listed = new ArrayList<>(entries);
        Set<String> names = new HashSet<>();
        int at = 0;
        for (int i = 0; i < entries; i++) {
            if (directory.limit() - at < 46 || directory.getInt(at) != DIRECTORY_ENTRY) {
                throw new Malformed("its central directory is cut short or damaged");
            }
            int flags = u16(directory, at + 8);
            int method = u16(directory, at + 10);
            long crc = u32(directory, at + 16);
            long compressed = u32(directory, at + 20);
            long size = u32(directory, at + 24);
            int nameLength = u16(directory, at + 28);
            int extraLength = u16(directory, at + 30);
            int commentLength = u16(directory, at + 32);
            int startDisk = u16(directory, at + 34);
            long offset = u32(directory, at + 42);
            if (directory.limit() - at < 46 + nameLength + extraLength + commentLength) {
                throw new Malformed("its central directory is cut short or damaged");
            }
            String name = ascii(directory, at + 46, nameLength);
            if (!NAME.matcher(name).matches()) {
                throw new Malformed("it holds a file whose name no package uses: " + name);
            }
            if (!names.add(name)) {
                throw new Malformed("it holds " + name + " twice");
            }
            if (extraLength != 0 || commentLength != 0) {
                throw new Malformed("its central directory gives " + name + " an extra field or a comment, which no "
                        + "package's files have");
            }
            if ((flags & ENCRYPTED) != 0 || (method != STORED && method != DEFLATED) || startDisk != 0
                    || compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
                throw new Malformed(name + " is encrypted, compressed in a way no package is, or a ZIP64 entry");
            }
            listed.add(new Listed(name, flags, method, crc, compressed, size, offset));
            at += 46 + nameLength + extraLength + commentLength;
        }
        if (at != directory.limit()) {
            throw new Malformed("its central directory holds more than its end record counts");
        }
        return listed;
    }

    private record Unpacked(File file, long next) {
    }

    /** The entry at the directory's place for it: its local header must say what the directory says. */
    private static Unpacked unpack(FileChannel channel, Listed file, boolean kept, int keepAtMost)
            throws IOException, Malformed {
        ByteBuffer header = read(channel, file.localHeaderOffset(), 30);
        if (header.getInt(0) != LOCAL_HEADER) {
            throw new Malformed("no entry starts where its central directory places " + file.name());
        }
        int flags = u16(header, 6);
        int method = u16(header, 8);
        int nameLength = u16(header, 26);
        int extraLength = u16(header, 28);
        String name = ascii(read(channel, file.localHeaderOffset() + 30, nameLength), 0, nameLength);
        boolean sizesAfter = (flags & SIZES_AFTER_DATA) != 0;
        if (extraLength != 0) {
            throw new Malformed("the entry of " + file.name() + " carries an extra field, which no package's files have");
        }
        if (!name.equals(file.name()) || flags != file.flags() || method != file.method()
                || (!sizesAfter && (u32(header, 14) != file.crc() || u32(header, 18) != file.compressedSize()
                        || u32(header, 22) != file.size()))) {
            throw new Malformed("the entry of " + file.name() + " and its central directory record disagree");
        }
        if (kept && file.size() > keepAtMost) {
            throw new Malformed(file.name() + " is larger than any package's (" + file.size() + " bytes)");
        }
        long data = file.localHeaderOffset() + 30 + nameLength + extraLength;
        Contents contents = new Contents(kept ? (int) file.size() : 0);
        long read = method == STORED ? copy(channel, data, file, contents) : inflate(channel, data, file, contents);
        if (contents.bytes != file.size() || contents.crc.getValue() != file.crc()) {
            throw new Malformed(file.name() + " does not unpack to the size and CRC its central directory gives");
        }
        long next = data + read;
        if (sizesAfter) {
            next = descriptor(channel, next, file);
        }
        return new Unpacked(new File(contents.sha256(), contents.bytes, kept ? contents.kept() : null), next);
    }

    private static long copy(FileChannel channel, long data, Listed file, Contents contents)
            throws IOException, Malformed {
        if (file.compressedSize() != file.size()) {
            throw new Malformed(file.name() + " is stored, but its sizes differ");
        }
        for (long done = 0; done < file.size();) {
            int chunk = (int) Math.min(BUFFER, file.size() - done);
            ByteBuffer bytes = read(channel, data + done, chunk);
            contents.add(bytes.array(), 0, chunk, file);
            done += chunk;
        }
        return file.compressedSize();
    }

    /** Inflates exactly the compressed bytes the directory gives; the stream must end with them, not before. */
    private static long inflate(FileChannel channel, long data, Listed file, Contents contents)
            throws IOException, Malformed {
        Inflater inflater = new Inflater(true);
        try {
            byte[] out = new byte[BUFFER];
            long consumed = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (consumed == file.compressedSize()) {
                        throw new Malformed(file.name() + " ends before its compressed data does");
                    }
                    int chunk = (int) Math.min(BUFFER, file.compressedSize() - consumed);
                    inflater.setInput(read(channel, data + consumed, chunk).array(), 0, chunk);
                    consumed += chunk;
                }
                int produced = inflater.inflate(out);
                contents.add(out, 0, produced, file);
                if (produced == 0 && inflater.needsDictionary()) {
                    throw new Malformed(file.name() + " is not plain deflated data");
                }
            }
            if (consumed - inflater.getRemaining() != file.compressedSize()) {
                throw new Malformed("bytes follow the compressed data of " + file.name());
            }
            return file.compressedSize();
        } catch (DataFormatException e) {
            throw new Malformed(file.name() + " is not valid deflated data");
        } finally {
            inflater.end();
        }
    }

    /** After the data, the CRC and sizes (with or without their signature), which must be the directory's. */
    private static long descriptor(FileChannel channel, long at, Listed file) throws IOException, Malformed {
        ByteBuffer descriptor = read(channel, at, 16);
        int offset = descriptor.getInt(0) == DATA_DESCRIPTOR ? 4 : 0;
        if (u32(descriptor, offset) != file.crc() || u32(descriptor, offset + 4) != file.compressedSize()
                || u32(descriptor, offset + 8) != file.size()) {
            throw new Malformed("the data descriptor of " + file.name() + " and its central directory record disagree");
        }
        return at + offset + 12;
    }

    /** The contents of one file as they unpack: hashed, checked, and kept when asked for. */
    private static final class Contents {
        private final MessageDigest sha256;
        private final CRC32 crc = new CRC32();
        private final byte[] kept;
        private long bytes;

        Contents(int keep) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            kept = new byte[keep];
        }

        void add(byte[] chunk, int from, int length, Listed file) throws Malformed {
            if (bytes + length > file.size()) {
                throw new Malformed(file.name() + " unpacks to more than the " + file.size() + " bytes its directory gives");
            }
            sha256.update(chunk, from, length);
            crc.update(chunk, from, length);
            if (kept.length > 0) {
                System.arraycopy(chunk, from, kept, (int) bytes, length);
            }
            bytes += length;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha256.digest());
        }

        byte[] kept() {
            return kept;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException, Malformed {
        if (position < 0 || length < 0 || position + length > channel.size()) {
            throw new Malformed("it is cut short");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new Malformed("it is cut short");
            }
        }
        return buffer.flip();
    }

    private static int u16(ByteBuffer buffer, int at) {
        return Short.toUnsignedInt(buffer.getShort(at));
    }

    private static long u32(ByteBuffer buffer, int at) {
        return Integer.toUnsignedLong(buffer.getInt(at));
    }

    private static String ascii(ByteBuffer buffer, int at, int length) throws Malformed {
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                throw new Malformed("it holds a file whose name is not plain text");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
