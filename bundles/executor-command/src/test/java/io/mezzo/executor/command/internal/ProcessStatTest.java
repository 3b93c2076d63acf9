package io.mezzo.executor.command.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStatTest {

    @Test
    void parsesFieldsAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime priority nice threads itrealvalue starttime ...
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 987654 "
                + "2449408 200 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        ProcessStat stat = ProcessStat.parse(4242, line);

        assertThat(stat).isEqualTo(new ProcessStat(4242, 'S', 4242, 987654));
        assertThat(stat.isZombie()).isFalse();
    }

    @Test
    void zombiesAreRecognised() {
        String line = "7 (sh) Z 1 7 7 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

        assertThat(ProcessStat.parse(7, line).isZombie()).isTrue();
    }

    @Test
    void readsThisJvm() {
        long pid = ProcessHandle.current().pid();

        assertThat(ProcessStat.read(pid)).hasValueSatisfying(stat -> {
            assertThat(stat.pid()).isEqualTo(pid);
            assertThat(stat.startTicks()).isPositive();
        });
        assertThat(ProcessStat.bootId()).isNotEqualTo("unknown");
    }
}
