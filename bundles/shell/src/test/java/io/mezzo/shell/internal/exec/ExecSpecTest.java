package io.mezzo.shell.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.shell.internal.ShellFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecSpecTest {

    @Test
    void badOptionsAreRefusedInTheConsolesTerms() {
        assertThatThrownBy(() -> new ExecSpec(" ", 0.1, 32, "n", Duration.ofSeconds(1)))
                .isInstanceOf(ShellFailure.class).hasMessage("No command given");
        assertThatThrownBy(() -> new ExecSpec("true", 0, 32, "n", Duration.ofSeconds(1)))
                .isInstanceOf(ShellFailure.class).hasMessage("--cpus must be greater than 0, got 0.0");
        assertThatThrownBy(() -> new ExecSpec("true", 0.1, Double.NaN, "n", Duration.ofSeconds(1)))
                .isInstanceOf(ShellFailure.class).hasMessageStartingWith("--mem must be greater than 0");
        assertThatThrownBy(() -> new ExecSpec("true", 0.1, 32, "n", Duration.ZERO))
                .isInstanceOf(ShellFailure.class).hasMessage("--timeout must be at least 1 second");
    }

    @Test
    void theFrameworkDiesWithTheConsole() {
        FrameworkInfo framework = ExecFixtures.SPEC.framework("alice");
        assertThat(framework.getUser()).isEqualTo("alice");
        assertThat(framework.getName()).isEqualTo("mezzo:exec hello");
        assertThat(framework.getFailoverTimeout()).isZero();
        assertThat(framework.hasId()).isFalse();
    }
}
