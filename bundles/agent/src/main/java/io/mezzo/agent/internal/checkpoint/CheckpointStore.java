package io.mezzo.agent.internal.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable memory under {@code <work.dir>/meta/}:
 * <pre>
 *   meta/agent_id        the id the master gave this agent
 *   meta/tasks.journal   a {@link TaskJournal} of {@link TaskCheckpoint}s, one live per task not yet forgotten
 * </pre>
 * Changes are committed in batches ({@link #commit}), one write and fsync per batch. Checkpoints of
 * the earlier layout (a file per task, {@code meta/frameworks/<fw>/tasks/<task>.task}) are read
 * once and moved into the journal, so an agent updated in place keeps its tasks.
 */
public final class CheckpointStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final String LEGACY_TASK_SUFFIX = ".task";

    private final Path meta;
    private TaskJournal journal;

    public CheckpointStore(Path workDir) {
        this.meta = workDir.resolve("meta");
    }

    /** A task's identity in the store. */
    public record TaskKey(String frameworkId, String taskId) {
        String journalKey() {
            return TaskJournal.key(frameworkId, taskId);
        }
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
        Path file = meta.resolve("agent_id");
        Files.createDirectories(meta);
        Path temp = Files.createTempFile(meta, "agent_id", ".tmp");
        try {
            Files.write(temp, agentId.getBytes(StandardCharsets.UTF_8));
            TaskJournal.replace(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Makes the given changes durable with one write: the forgotten tasks go, the saved ones replace
     * what was stored for them. A key in both ends up saved (forgotten, then launched again).
     */
    public void commit(Collection<TaskCheckpoint> saved, Collection<TaskKey> forgotten) throws IOException {
        if (saved.isEmpty() && forgotten.isEmpty()) {
            return;
        }
        Map<String, byte[]> puts = new LinkedHashMap<>();
        for (TaskCheckpoint task : saved) {
            puts.put(keyOf(task).journalKey(), task.toBytes());
        }
        journal().append(forgotten.stream().map(TaskKey::journalKey).toList(), puts);
    }

    /** Every task checkpoint; unreadable records are logged and skipped, not fatal to recovery. */
    public List<TaskCheckpoint> tasks() throws IOException {
        List<TaskCheckpoint> tasks = new ArrayList<>();
        for (Map.Entry<String, byte[]> record : journal().live().entrySet()) {
            try {
                tasks.add(TaskCheckpoint.fromBytes(record.getValue()));
            } catch (IOException e) {
                LOG.warn("Skipping unreadable task checkpoint {}", record.getKey().replace('\0', '/'), e);
            }
        }
        return tasks;
    }

    @Override
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    static TaskKey keyOf(TaskCheckpoint task) {
        return new TaskKey(task.framework().getId().getValue(), task.task().getTaskId().getValue());
    }

    private TaskJournal journal() throws IOException {
        if (journal == null) {
            journal = TaskJournal.open(meta.resolve("tasks.journal"));
            migrateLegacyFiles();
        }
        return journal;
    }

    /** Moves per-task files of the earlier layout into the journal; the journal's records win. */
    private void migrateLegacyFiles() throws IOException {
        Path frameworks = meta.resolve("frameworks");
        if (!Files.isDirectory(frameworks)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(frameworks, 3)) {
            files = walk.filter(p -> p.toString().endsWith(LEGACY_TASK_SUFFIX)).sorted().toList();
        }
        Map<String, byte[]> puts = new LinkedHashMap<>();
        List<Path> migrated = new ArrayList<>();
        for (Path file : files) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                String key = keyOf(TaskCheckpoint.fromBytes(bytes)).journalKey();
                if (!journal.live().containsKey(key)) {
                    puts.put(key, bytes);
                }
                migrated.add(file);
            } catch (IOException e) {
                LOG.warn("Skipping unreadable task checkpoint {}", file, e);
            }
        }
        journal.append(List.of(), puts);
        for (Path file : migrated) {
            Files.deleteIfExists(file);
        }
        if (!migrated.isEmpty()) {
            LOG.info("Moved {} task checkpoint(s) of the per-file layout into the task journal", migrated.size());
        }
    }
}
