package io.mezzo.executor.command.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {

    @TempDir
    Path sandbox;

    @Test
    void aStatusWhoseRenameWasCutShortByAKillIsStillRead() throws Exception {
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();
        // the wrapper got as far as the temporary file before the group's SIGKILL
        Files.writeString(files.metaDir().resolve("exit_status.tmp"), "143\n", StandardCharsets.US_ASCII);

        assertThat(files.hasExitStatus()).isTrue();
        assertThat(files.readExitStatus()).hasValue(143);
        assertThat(files.exitStatus()).exists();
    }

    @Test
    void anIncompleteTemporaryStatusIsNotTakenForOne() throws Exception {
        TaskFiles files = new TaskFiles(sandbox);
        files.prepare();
        Files.writeString(files.metaDir().resolve("exit_status.tmp"), "14", StandardCharsets.US_ASCII);

        assertThat(files.hasExitStatus()).isFalse();
        assertThat(files.readExitStatus()).isEmpty();
    }
}
