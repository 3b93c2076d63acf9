package io.mezzo.agent.internal.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of task records: one {@link #append} writes every change of a burst with a
 * single write and a single fsync, where a file per task cost a create, write, rename and delete
 * per change (the agent's loop spent most of a 1,000-task launch in them).
 *
 * <p>Record: int length, int CRC32 of the payload, payload. Payload: a kind byte, then for
 * {@code PUT} the key and the record bytes, for {@code FORGET} the key. A crash can leave a torn
 * last record; replay stops at the first record that is short or fails its checksum and cuts the
 * file there, so later appends never follow garbage. When the file has grown to several times what
 * is live, it is rewritten with the live records only (temporary file, fsync, rename).
 */
final class TaskJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskJournal.class);
    private static final byte PUT = 1;
    private static final byte FORGET = 2;
    private static final int MAX_RECORD = 64 * 1024 * 1024;
    /** Below this size the file is never compacted: rewriting a small file buys nothing. */
    private static final long COMPACT_FLOOR = 4L * 1024 * 1024;

    private final Path file;
    /** The newest bytes of each live key, in first-written order; what a compaction rewrites. */
    private final Map<String, byte[]> live = new LinkedHashMap<>();
    private long liveBytes;
    private long fileBytes;
    private FileChannel channel;

    private TaskJournal(Path file) {
        this.file = file;
    }

    /**
     * Replays the journal; {@link #live()} is then its content. The file is opened for writing (and
     * a torn tail cut off) only by the first {@link #append}, so a journal that is only read stays
     * untouched.
     */
    static TaskJournal open(Path file) throws IOException {
        TaskJournal journal = new TaskJournal(file);
        journal.replay();
        return journal;
    }

    /** The live records by key, in the order their keys were first written. */
    Map<String, byte[]> live() {
        return java.util.Collections.unmodifiableMap(live);
    }

    /**
     * Writes the forgotten keys and then the new records (so a key forgotten and written again in
     * one burst ends up live) as one write, and forces it to disk before returning.
     */
    void append(Collection<String> forgotten, Map<String, byte[]> puts) throws IOException {
        if (forgotten.isEmpty() && puts.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String key : forgotten) {
            writeRecord(out, FORGET, key, null);
        }
        for (Map.Entry<String, byte[]> put : puts.entrySet()) {
            writeRecord(out, PUT, put.getKey(), put.getValue());
        }
        out.flush();
        if (channel == null) {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(fileBytes).position(fileBytes);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        fileBytes += bytes.size();
        forgotten.forEach(this::forget);
        puts.forEach(this::put);
        if (fileBytes > COMPACT_FLOOR && fileBytes > 4 * liveBytes) {
            compact();
        }
    }

    /** Rewrites the file with the live records only. */
    void compact() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".compact");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Map.Entry<String, byte[]> record : live.entrySet()) {
            writeRecord(out, PUT, record.getKey(), record.getValue());
        }
        out.flush();
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                c.write(buffer);
            }
            c.force(false);
        }
        if (channel != null) {
            channel.close();
        }
        replace(temp, file);
        fileBytes = bytes.size();
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(fileBytes);
        LOG.debug("Compacted {} to {} bytes ({} live records)", file, fileBytes, live.size());
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        while (in.remaining() >= 8) {
            int start = in.position();
            int length = in.getInt();
            int crc = in.getInt();
            if (length < 1 || length > MAX_RECORD || length > in.remaining()) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            if (crc(payload) != crc) {
                in.position(start);
                break;
            }
            apply(ByteBuffer.wrap(payload));
        }
        fileBytes = in.position();
        if (in.hasRemaining()) {
            LOG.warn("Task journal {}: {} bytes after offset {} are torn or corrupt (a crash while writing?);"
                    + " they are dropped", file, in.remaining(), fileBytes);
        }
    }

    private void apply(ByteBuffer payload) throws IOException {
        byte kind = payload.get();
        byte[] keyBytes = new byte[payload.getShort() & 0xffff];
        payload.get(keyBytes);
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        if (kind == FORGET) {
            forget(key);
        } else if (kind == PUT) {
            byte[] record = new byte[payload.remaining()];
            payload.get(record);
            put(key, record);
        } else {
            throw new IOException("unknown task journal record kind " + kind);
        }
    }

    private void put(String key, byte[] record) {
        byte[] old = live.put(key, record);
        liveBytes += record.length - (old == null ? 0 : old.length);
    }

    private void forget(String key) {
        byte[] old = live.remove(key);
        if (old != null) {
            liveBytes -= old.length;
        }
    }

    private static void writeRecord(DataOutputStream out, byte kind, String key, byte[] record) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length > 0xffff) {
            throw new IOException("task key too long: " + keyBytes.length + " bytes");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(3 + keyBytes.length
                + (record == null ? 0 : record.length));
        DataOutputStream p = new DataOutputStream(payload);
        p.writeByte(kind);
        p.writeShort(keyBytes.length);
        p.write(keyBytes);
        if (record != null) {
            p.write(record);
        }
        byte[] bytes = payload.toByteArray();
        out.writeInt(bytes.length);
        out.writeInt(crc(bytes));
        out.write(bytes);
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Renames {@code temp} over {@code file}: a crash leaves one or the other, never half of either. */
    static void replace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Keys joined so that no two (framework, task) pairs share one: ids cannot contain NUL. */
    static String key(String frameworkId, String taskId) {
        return frameworkId + '\0' + taskId;
    }
}
