package io.mezzo.agent.internal.checkpoint;

import io.mezzo.agent.internal.task.SandboxLayout;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable memory under {@code <work.dir>/meta/}:
 * <pre>
 *   meta/agent_id                                   the id the master gave this agent
 *   meta/frameworks/&lt;fw&gt;/tasks/&lt;task&gt;.task   one {@link TaskCheckpoint} per task not yet forgotten
 * </pre>
 * Every write goes to a temporary file in the same directory that is then renamed over the old
 * one, so a crash leaves either the old or the new content, never half of it.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String TASK_SUFFIX = ".task";

    private final Path meta;

    public CheckpointStore(Path workDir) {
        this.meta = workDir.resolve("meta");
    }

    public Optional<String> agentId() throws IOException {
        Path file = meta.resolve("agent_id");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    public void saveAgentId(String agentId) throws IOException {
        writeAtomically(meta.resolve("agent_id"), agentId.getBytes(StandardCharsets.UTF_8));
    }

    public void saveTask(TaskCheckpoint task) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            task.writeTo(out);
        }
        writeAtomically(taskFile(task.framework().getId().getValue(), task.task().getTaskId().getValue()),
                bytes.toByteArray());
    }

    public void removeTask(String frameworkId, String taskId) throws IOException {
        Files.deleteIfExists(taskFile(frameworkId, taskId));
    }

    /** Every task checkpoint; unreadable files are logged and skipped, not fatal to recovery. */
    public List<TaskCheckpoint> tasks() throws IOException {
        Path frameworks = meta.resolve("frameworks");
        if (!Files.isDirectory(frameworks)) {
            return List.of();
        }
        List<TaskCheckpoint> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(frameworks, 3)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(TASK_SUFFIX)).sorted()::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    tasks.add(TaskCheckpoint.readFrom(new DataInputStream(in)));
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable task checkpoint {}", file, e);
                }
            }
        }
        return tasks;
    }

    Path taskFile(String frameworkId, String taskId) {
        return meta.resolve("frameworks").resolve(SandboxLayout.segment(frameworkId))
                .resolve("tasks").resolve(SandboxLayout.segment(taskId) + TASK_SUFFIX);
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
