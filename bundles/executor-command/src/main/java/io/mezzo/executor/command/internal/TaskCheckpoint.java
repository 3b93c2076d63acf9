package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUri;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a restarted executor needs to find a task again: its launch and the identity of its wrapper
 * process (pid = process group, start time and boot id against pid reuse). Stored as a properties
 * file in the sandbox, replaced atomically (temp file + rename) so a reader never sees half of it.
 *
 * @param launch the task as launched
 * @param pid the wrapper's pid, which is also the task's process group id
 * @param startTicks the wrapper's start time from {@code /proc}; 0 if it ended before it could be read
 * @param bootId the boot the pid belongs to
 */
record TaskCheckpoint(TaskLaunch launch, long pid, long startTicks, String bootId) {

    void write(TaskFiles files) throws IOException {
        Properties p = new Properties();
        p.setProperty("task.id", launch.taskId());
        p.setProperty("framework.id", launch.frameworkId());
        launch.executorId().ifPresent(v -> p.setProperty("executor.id", v));
        p.setProperty("command", launch.command());
        p.setProperty("shell", Boolean.toString(launch.shell()));
        putList(p, "arg", launch.arguments());
        launch.environment().forEach((k, v) -> p.setProperty("env." + k, v));
        for (int i = 0; i < launch.uris().size(); i++) {
            TaskUri uri = launch.uris().get(i);
            String prefix = "uri." + i;
            p.setProperty(prefix + ".value", uri.value());
            p.setProperty(prefix + ".executable", Boolean.toString(uri.executable()));
            p.setProperty(prefix + ".extract", Boolean.toString(uri.extract()));
            uri.outputFile().ifPresent(v -> p.setProperty(prefix + ".output", v));
        }
        launch.user().ifPresent(v -> p.setProperty("user", v));
        p.setProperty("kill.grace.ms", Long.toString(launch.killGracePeriod().toMillis()));
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("start.ticks", Long.toString(startTicks));
        p.setProperty("boot.id", bootId);

        Path target = files.checkpoint();
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "Mezzo command executor checkpoint");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the checkpoint of the task in {@code files}; empty if there is none. */
    static Optional<TaskCheckpoint> read(TaskFiles files) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(files.checkpoint(), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromProperties(p, files.sandbox()));
        } catch (RuntimeException e) {
            throw new IOException("Corrupt checkpoint " + files.checkpoint() + ": " + e.getMessage(), e);
        }
    }

    private static TaskCheckpoint fromProperties(Properties p, Path sandbox) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("env.")) {
                env.put(key.substring("env.".length()), p.getProperty(key));
            }
        }
        List<TaskUri> uris = new ArrayList<>();
        for (int i = 0; p.containsKey("uri." + i + ".value"); i++) {
            uris.add(new TaskUri(p.getProperty("uri." + i + ".value"),
                    Boolean.parseBoolean(p.getProperty("uri." + i + ".executable")),
                    Boolean.parseBoolean(p.getProperty("uri." + i + ".extract")),
                    Optional.ofNullable(p.getProperty("uri." + i + ".output"))));
        }
        TaskLaunch launch = new TaskLaunch(required(p, "task.id"), required(p, "framework.id"),
                Optional.ofNullable(p.getProperty("executor.id")), sandbox, required(p, "command"),
                Boolean.parseBoolean(p.getProperty("shell")), getList(p, "arg"), env, uris,
                Optional.ofNullable(p.getProperty("user")),
                Duration.ofMillis(Long.parseLong(required(p, "kill.grace.ms"))));
        return new TaskCheckpoint(launch, Long.parseLong(required(p, "pid")),
                Long.parseLong(required(p, "start.ticks")), required(p, "boot.id"));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static void putList(Properties p, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(prefix + "." + i, values.get(i));
        }
    }

    private static List<String> getList(Properties p, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 0; p.containsKey(prefix + "." + i); i++) {
            values.add(p.getProperty(prefix + "." + i));
        }
        return values;
    }
}
