package io.mezzo.api.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an executor needs to run one task (the parts of Mesos' {@code TaskInfo} and
 * {@code CommandInfo} that concern it).
 *
 * @param taskId the task's id, unique on this agent while the task runs
 * @param frameworkId the framework that launched it
 * @param executorId the executor id the framework chose, if any
 * @param sandbox the task's working directory, created by the executor if missing; it holds
 *     {@code stdout}, {@code stderr} and whatever the executor needs to re-attach after a restart
 * @param command with {@code shell}, the shell command line; otherwise the program to execute
 * @param shell {@code true}: run {@code sh -c command}; {@code false}: execute {@code command} with
 *     {@code arguments} as its argv (as in Mesos, {@code arguments[0]} is argv[0], the program's name)
 * @param arguments argv when {@code shell} is {@code false}; ignored otherwise
 * @param environment variables added to the executor's minimal environment
 * @param uris files to fetch into the sandbox first
 * @param user the user to run as; executors may ignore it (and log that they did)
 * @param killGracePeriod how long a kill waits after SIGTERM before SIGKILL
 */
public record TaskLaunch(String taskId, String frameworkId, Optional<String> executorId, Path sandbox,
        String command, boolean shell, List<String> arguments, Map<String, String> environment,
        List<TaskUri> uris, Optional<String> user, Duration killGracePeriod) {

    /** Mesos' default for a kill without a kill policy. */
    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(3);

    public TaskLaunch {
        requireNonBlank(taskId, "taskId");
        requireNonBlank(frameworkId, "frameworkId");
        Objects.requireNonNull(executorId, "executorId");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        uris = List.copyOf(uris);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(killGracePeriod, "killGracePeriod");
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("killGracePeriod must not be negative: " + killGracePeriod);
        }
    }

    /** Starts a launch of a shell command; the other fields default to empty and a 3 s grace period. */
    public static Builder shell(String taskId, String frameworkId, Path sandbox, String command) {
        return new Builder(taskId, frameworkId, sandbox, command, true);
    }

    /** Starts a launch of {@code program} with {@code argv} (argv[0] first), no shell involved. */
    public static Builder exec(String taskId, String frameworkId, Path sandbox, String program, List<String> argv) {
        return new Builder(taskId, frameworkId, sandbox, program, false).arguments(argv);
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Collects the optional parts of a {@link TaskLaunch}. */
    public static final class Builder {
        private final String taskId;
        private final String frameworkId;
        private final Path sandbox;
        private final String command;
        private final boolean shell;
        private String executorId;
        private List<String> arguments = List.of();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<TaskUri> uris = new ArrayList<>();
        private String user;
        private Duration killGracePeriod = DEFAULT_KILL_GRACE_PERIOD;

        private Builder(String taskId, String frameworkId, Path sandbox, String command, boolean shell) {
            this.taskId = taskId;
            this.frameworkId = frameworkId;
            this.sandbox = sandbox;
            this.command = command;
            this.shell = shell;
        }

        public Builder executorId(String value) {
            this.executorId = value;
            return this;
        }

        public Builder arguments(List<String> value) {
            this.arguments = List.copyOf(value);
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment.putAll(value);
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder uri(TaskUri value) {
            uris.add(value);
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder killGracePeriod(Duration value) {
            this.killGracePeriod = value;
            return this;
        }

        public TaskLaunch build() {
            return new TaskLaunch(taskId, frameworkId, Optional.ofNullable(executorId), sandbox, command, shell,
                    arguments, environment, uris, Optional.ofNullable(user), killGracePeriod);
        }
    }
}
