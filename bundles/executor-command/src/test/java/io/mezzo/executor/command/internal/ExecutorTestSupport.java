package io.mezzo.executor.command.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creates executors and sandboxes for tests, and afterwards removes every process a test started:
 * executors are closed (which leaves tasks running, by design), then each sandbox's checkpointed
 * process group is SIGKILLed, along with any pid a task wrote to a {@code *.pid} file.
 */
abstract class ExecutorTestSupport {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final HostTools TOOLS = HostTools.detect();

    @TempDir
    Path work;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<CommandExecutor> executors = new ArrayList<>();
    private final List<Path> sandboxes = new ArrayList<>();

    CommandExecutor newExecutor() {
        CommandExecutor executor = new CommandExecutor(new CommandExecutorSettings(4, Duration.ofMillis(50),
                Map.of("PATH", "/usr/bin:/bin"), TOOLS), clock);
        executors.add(executor);
        return executor;
    }

    Path sandbox(String name) {
        Path sandbox = work.resolve("runs").resolve(name);
        sandboxes.add(sandbox);
        return sandbox;
    }

    @AfterEach
    void stopEverythingStarted() throws IOException {
        executors.forEach(CommandExecutor::close);
        ProcessGroupSignaller signaller = new ProcessGroupSignaller(TOOLS.kill());
        for (Path sandbox : sandboxes) {
            TaskFiles files = new TaskFiles(sandbox);
            TaskCheckpoint.read(files).ifPresent(c -> {
                // tests that fake a checkpoint point it at this JVM: never signal that
                boolean ours = c.pid() != ProcessHandle.current().pid() && c.bootId().equals(ProcessStat.bootId());
                if (ours && TaskProcess.recovered(c.pid(), c.startTicks()).isAlive()) {
                    signaller.signalGroup(c.pid(), "KILL");
                }
            });
            if (Files.isDirectory(sandbox)) {
                try (Stream<Path> pidFiles = Files.list(sandbox)) {
                    for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).toList()) {
                        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
    }
}
