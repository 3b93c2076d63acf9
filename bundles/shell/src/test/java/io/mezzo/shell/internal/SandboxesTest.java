package io.mezzo.shell.internal;

import static io.mezzo.shell.internal.FakeMasterView.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.node.AgentSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {
    @TempDir
    Path workDir;

    /** Makes a run directory the way the agent's SandboxLayout does, with a given age. */
    private Path run(String agent, String framework, String task, String run, long modifiedMillis) throws IOException {
        Path dir = new Sandboxes(workDir).runsDir(agent, framework, task).resolve(run);
        Files.createDirectories(dir);
        Files.setLastModifiedTime(dir, FileTime.fromMillis(modifiedMillis));
        return dir;
    }

    private AgentSnapshot agentSnapshot(Optional<String> id) {
        return new AgentSnapshot(id, true, Optional.empty(), "cpus:1", "", Map.of(), 0, workDir);
    }

    @Test
    void layoutMatchesTheAgentsWithIdsEncodedAsOneSegment() {
        Path runs = new Sandboxes(workDir).runsDir("a/1", "f 1", "..");
        assertThat(workDir.relativize(runs).toString())
                .isEqualTo("agents/a%2F1/frameworks/f+1/executors/%2E%2E/runs");
    }

    @Test
    void theLatestRunIsTheNewestDirectory() throws IOException {
        run("a1", "f1", "t1", "run-old", 1_000);
        Path newest = run("a1", "f1", "t1", "run-new", 2_000);

        assertThat(new Sandboxes(workDir).latestRun("a1", "f1", "t1")).contains(newest);
        assertThat(new Sandboxes(workDir).latestRun("a1", "f1", "other")).isEmpty();
    }

    @Test
    void withALeadingMasterTheTaskListSaysWhereTheTaskRan() throws IOException {
        Path sandbox = run("a1", "f1", "web", "r1", 1_000);
        FakeMasterView master = new FakeMasterView();
        master.tasks.add(task("web", "f1", "a1", "TASK_RUNNING"));
        master.tasks.add(task("api", "f1", "a2", "TASK_RUNNING"));

        assertThat(SandboxLookup.find(master, agentSnapshot(Optional.of("a1")), "web", Optional.empty()))
                .isEqualTo(new SandboxLookup.Found("f1", "a1", sandbox));
        assertThatThrownBy(() -> SandboxLookup.find(master, agentSnapshot(Optional.of("a1")), "api",
                Optional.empty())).isInstanceOf(ShellFailure.class)
                .hasMessage("Task api ran on agent a2, not on this node's agent a1: run mezzo:sandbox on that node");
    }

    @Test
    void withoutAMasterTheWorkDirIsSearched() throws IOException {
        Path sandbox = run("a1", "f:1", "web", "r1", 1_000);
        run("a1", "f2", "web", "r1", 1_000);

        assertThatThrownBy(() -> SandboxLookup.find(null, agentSnapshot(Optional.of("a1")), "web", Optional.empty()))
                .isInstanceOf(ShellFailure.class)
                .hasMessage("Task id web has sandboxes in frameworks f2, f:1; choose one with --framework");
        assertThat(SandboxLookup.find(null, agentSnapshot(Optional.of("a1")), "web", Optional.of("f:1")).sandbox())
                .isEqualTo(sandbox);
        assertThatThrownBy(() -> SandboxLookup.find(null, agentSnapshot(Optional.of("a1")), "nope", Optional.empty()))
                .isInstanceOf(ShellFailure.class).hasMessage("No sandbox for task nope on this node's agent a1");
    }

    @Test
    void aTaskTheLeaderForgotIsFoundInTheWorkDir() throws IOException {
        // every mezzo:exec tears its framework down, and the master then forgets its tasks
        Path sandbox = run("a1", "f7", "mezzo-exec", "r1", 1_000);
        FakeMasterView master = new FakeMasterView();
        master.tasks.add(task("mezzo-exec", "f8", "a2", "TASK_RUNNING"));

        assertThat(SandboxLookup.find(master, agentSnapshot(Optional.of("a1")), "mezzo-exec", Optional.of("f7")))
                .isEqualTo(new SandboxLookup.Found("f7", "a1", sandbox));
        assertThat(SandboxLookup.find(new FakeMasterView(), agentSnapshot(Optional.of("a1")), "mezzo-exec",
                Optional.empty()).sandbox()).isEqualTo(sandbox);
    }

    @Test
    void anUnregisteredAgentHasNoSandboxes() {
        assertThatThrownBy(() -> SandboxLookup.find(null, agentSnapshot(Optional.empty()), "web", Optional.empty()))
                .isInstanceOf(ShellFailure.class).hasMessageStartingWith("This node's agent has not registered");
    }

    @Test
    void tailCopiesOnlyWhatWasAppendedAndTreatsAMissingFileAsEmpty() throws IOException {
        Path stdout = workDir.resolve("stdout");
        OutputTail tail = new OutputTail(stdout);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(tail.copyNew(out)).isZero();
        Files.writeString(stdout, "hello\n");
        assertThat(tail.copyNew(out)).isEqualTo(6);
        Files.writeString(stdout, "world\n", StandardOpenOption.APPEND);
        tail.copyNew(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\nworld\n");
    }

    @Test
    void followCopiesUntilTheTaskEndsIncludingItsLastWords() throws Exception {
        Path stdout = workDir.resolve("stdout");
        Files.writeString(stdout, "1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger pauses = new AtomicInteger();
        // each pause is the task writing a line; after the second one it has ended
        OutputFollower.follow(new OutputTail(stdout), out, () -> pauses.get() >= 2,
                () -> append(stdout, (pauses.incrementAndGet() + 1) + "\n"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n2\n3\n");
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
