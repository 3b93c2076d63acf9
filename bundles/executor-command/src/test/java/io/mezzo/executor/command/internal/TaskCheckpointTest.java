package io.mezzo.executor.command.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCheckpointTest {
    @TempDir
    Path sandbox;

    @Test
    void everyFieldSurvivesTheRoundTrip() throws IOException {
        TaskLaunch launch = TaskLaunch.exec("task-1", "fw-1", sandbox, "/bin/prog", List.of("prog", "a b", "", "ü=1\n"))
                .executorId("ex-1").env("A", "1").env("WITH=EQUALS", "x\ty").user("nobody")
                .uri(new TaskUri("file:///tmp/a.tgz", true, true, Optional.of("out dir/a.tgz")))
                .uri(TaskUri.of("/tmp/b"))
                .killGracePeriod(Duration.ofMillis(1500)).build();
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();

        new TaskCheckpoint(launch, 123, 456, "boot").write(files);

        assertThat(TaskCheckpoint.read(files)).contains(new TaskCheckpoint(launch, 123, 456, "boot"));
        assertThat(files.metaDir()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void noCheckpointIsEmpty() throws IOException {
        assertThat(TaskCheckpoint.read(new TaskFiles(sandbox))).isEmpty();
    }

    @Test
    void corruptCheckpointIsAnError() throws IOException {
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();
        Files.writeString(files.checkpoint(), "task.id=t1\n");

        assertThatThrownBy(() -> TaskCheckpoint.read(files)).isInstanceOf(IOException.class).hasMessageContaining("missing");
    }
}
