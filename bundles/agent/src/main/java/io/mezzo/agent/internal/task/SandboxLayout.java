package io.mezzo.agent.internal.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where task sandboxes live, as in Mesos:
 * {@code <work.dir>/agents/<agent_id>/frameworks/<framework_id>/executors/<executor_id>/runs/<run_id>/}.
 * A command task has no executor of its own, so its executor id is its task id. Each launch gets
 * a fresh run id, so a relaunched task id never reuses an old sandbox. Ids are URL-encoded into
 * single path segments, so no id can climb out of the work dir.
 */
public final class SandboxLayout {
    private final Path workDir;

    public SandboxLayout(Path workDir) {
        this.workDir = workDir;
    }

    public Path sandbox(String agentId, String frameworkId, String executorId, String runId) {
        return workDir.resolve("agents").resolve(segment(agentId))
                .resolve("frameworks").resolve(segment(frameworkId))
                .resolve("executors").resolve(segment(executorId))
                .resolve("runs").resolve(segment(runId));
    }

    public Path newSandbox(String agentId, String frameworkId, String executorId) {
        return sandbox(agentId, frameworkId, executorId, UUID.randomUUID().toString());
    }

    /** An id as one safe path segment: URL-encoded, with "." and ".." made harmless. */
    public static String segment(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        if (encoded.isEmpty() || encoded.chars().allMatch(c -> c == '.')) {
            return encoded.replace(".", "%2E") + (encoded.isEmpty() ? "%00" : "");
        }
        return encoded;
    }
}
