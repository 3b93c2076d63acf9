package io.mezzo.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a growing file (a task's stdout or stderr) piece by piece: each {@link #copyNew} copies
 * what was appended since the last call. A file that does not exist yet counts as empty, as the
 * executor creates the files only when the task starts.
 */
public final class OutputTail {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private long position;

    public OutputTail(Path file) {
        this.file = file;
    }

    /** Copies the bytes appended since the last call to {@code out}; returns how many. */
    public long copyNew(OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < position) {
                // truncated underneath us (log rotation): start again from the top
                position = 0;
            }
            long copied = 0;
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int read;
            while ((read = channel.read(buffer, position)) > 0) {
                out.write(buffer.array(), 0, read);
                position += read;
                copied += read;
                buffer.clear();
            }
            out.flush();
            return copied;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    public long position() {
        return position;
    }
}
