package io.mezzo.agent.internal.checkpoint;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent must remember about one task across a restart: what was launched, where its
 * sandbox is, the newest state, and the status updates the framework has not acknowledged yet.
 *
 * <p>Binary form (big-endian): magic, version, then length-prefixed protobuf bytes of the
 * FrameworkInfo and TaskInfo, the sandbox path (UTF), the latest state's number, the count of
 * pending updates and each TaskStatus length-prefixed, then a flag and the last status.
 */
public record TaskCheckpoint(FrameworkInfo framework, TaskInfo task, Path sandbox, TaskState latestState,
        List<TaskStatus> pending, Optional<TaskStatus> lastStatus) {
    private static final int MAGIC = 0x4d5a544b; // "MZTK"
    private static final int VERSION = 1;

    public TaskCheckpoint {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(latestState, "latestState");
        pending = List.copyOf(pending);
        Objects.requireNonNull(lastStatus, "lastStatus");
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        }
        return bytes.toByteArray();
    }

    static TaskCheckpoint fromBytes(byte[] bytes) throws IOException {
        return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeBytes(out, framework.toByteArray());
        writeBytes(out, task.toByteArray());
        out.writeUTF(sandbox.toString());
        out.writeInt(latestState.getNumber());
        out.writeInt(pending.size());
        for (TaskStatus status : pending) {
            writeBytes(out, status.toByteArray());
        }
        out.writeBoolean(lastStatus.isPresent());
        if (lastStatus.isPresent()) {
            writeBytes(out, lastStatus.get().toByteArray());
        }
    }

    static TaskCheckpoint readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a task checkpoint");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported task checkpoint version " + version);
        }
        FrameworkInfo framework = FrameworkInfo.parseFrom(readBytes(in));
        TaskInfo task = TaskInfo.parseFrom(readBytes(in));
        Path sandbox = Path.of(in.readUTF());
        TaskState state = TaskState.forNumber(in.readInt());
        if (state == null) {
            throw new IOException("unknown task state in checkpoint");
        }
        int count = in.readInt();
        List<TaskStatus> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(TaskStatus.parseFrom(readBytes(in)));
        }
        Optional<TaskStatus> last = in.readBoolean()
                ? Optional.of(TaskStatus.parseFrom(readBytes(in))) : Optional.empty();
        return new TaskCheckpoint(framework, task, sandbox, state, pending, last);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("corrupt checkpoint: record length " + length);
        }
        return in.readNBytes(length);
    }
}
