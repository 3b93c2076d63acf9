package io.mezzo.shell.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a task's sandbox on this node's agent. The layout is the agent's (its {@code SandboxLayout},
 * as in Mesos): {@code <work_dir>/agents/<agent>/frameworks/<framework>/executors/<executor>/runs/<run>/}
 * with {@code stdout} and {@code stderr} inside, ids URL-encoded into single path segments. A
 * command task's executor id is its task id. Every launch gets a fresh random run id, so the
 * latest run is the most recently modified run directory (Mesos keeps a {@code latest} link;
 * Mezzo's agent does not).
 */
public final class Sandboxes {
    private final Path workDir;

    public Sandboxes(Path workDir) {
        this.workDir = workDir;
    }

    /** The directory holding all runs of a command task. */
    public Path runsDir(String agentId, String frameworkId, String taskId) {
        return workDir.resolve("agents").resolve(segment(agentId))
                .resolve("frameworks").resolve(segment(frameworkId))
                .resolve("executors").resolve(segment(taskId))
                .resolve("runs");
    }

    /** The sandbox of the task's latest run, if it has one on this node. */
    public Optional<Path> latestRun(String agentId, String frameworkId, String taskId) throws IOException {
        Path runs = runsDir(agentId, frameworkId, taskId);
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(Files::isDirectory)
                    .max(Comparator.comparing(Sandboxes::modified).thenComparing(Path::getFileName));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * The frameworks that have a sandbox for this task id on this agent, found by looking at the
     * work dir (for nodes without a leading master to ask). Ids come back decoded.
     */
    public List<String> frameworksWithTask(String agentId, String taskId) throws IOException {
        Path frameworks = workDir.resolve("agents").resolve(segment(agentId)).resolve("frameworks");
        try (Stream<Path> list = Files.list(frameworks)) {
            return list.filter(dir -> Files.isDirectory(dir.resolve("executors").resolve(segment(taskId))))
                    .map(dir -> URLDecoder.decode(dir.getFileName().toString(), StandardCharsets.UTF_8))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            // a run removed while listing (sandbox GC) sorts first and is not chosen
            return FileTime.fromMillis(0);
        }
    }

    /** An id as one path segment, encoded exactly as the agent encodes it. */
    static String segment(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        if (encoded.isEmpty() || encoded.chars().allMatch(c -> c == '.')) {
            return encoded.replace(".", "%2E") + (encoded.isEmpty() ? "%00" : "");
        }
        return encoded;
    }
}
