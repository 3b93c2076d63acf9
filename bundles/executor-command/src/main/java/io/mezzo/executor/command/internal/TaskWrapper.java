package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.TaskLaunch;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the process that runs a task. The JVM starts {@code setsid sh -c WRAPPER}: setsid makes the
 * wrapper shell the leader of a new session and process group (its pid is the group id), so a kill
 * reaches the task's whole tree and the task does not die with the JVM. The wrapper runs the command,
 * then atomically records its exit status in the sandbox, which is how an executor that was not
 * watching (bundle updated, Karaf restarted) learns how the task ended.
 */
final class TaskWrapper {
    /**
     * $0 is the meta directory, "$@" the task's argv. TERM is trapped (not ignored: an ignored signal
     * would be inherited by the task) so the wrapper outlives the task and records 143; the final
     * kill removes whatever the task left running in its group, as Mesos does when a container ends.
     */
    private static final String SCRIPT = "trap : TERM\n"
            + "\"$@\"\n"
            + "s=$?\n"
            + "echo \"$s\" > \"$0/" + TaskFiles.EXIT_STATUS + ".tmp\" && "
            + "MV \"$0/" + TaskFiles.EXIT_STATUS + ".tmp\" \"$0/" + TaskFiles.EXIT_STATUS + "\"\n"
            + "kill -s KILL 0\n";

    private final HostTools tools;
    private final Map<String, String> baseEnvironment;

    /** @param baseEnvironment the agent's minimal environment every task starts from */
    TaskWrapper(HostTools tools, Map<String, String> baseEnvironment) {
        this.tools = tools;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    ProcessBuilder processBuilder(TaskLaunch launch, TaskFiles files) {
        List<String> argv = new ArrayList<>(List.of(tools.setsid(), tools.sh(), "-c",
                SCRIPT.replace("MV", "'" + tools.mv() + "' -f"), files.metaDir().toAbsolutePath().toString()));
        argv.addAll(taskArgv(launch));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(files.sandbox().toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(launch));
        // no pipes to the JVM: the task must be able to outlive it
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdout().toFile()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(files.stderr().toFile()));
        return pb;
    }

    private List<String> taskArgv(TaskLaunch launch) {
        if (launch.shell()) {
            return List.of(tools.sh(), "-c", launch.command());
        }
        // Mesos semantics: arguments[0] is argv[0]; sh cannot set argv[0], so it is dropped
        List<String> argv = new ArrayList<>();
        argv.add(launch.command());
        argv.addAll(launch.arguments().isEmpty() ? List.of() : launch.arguments().subList(1, launch.arguments().size()));
        return argv;
    }

    Map<String, String> environment(TaskLaunch launch) {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        env.putAll(launch.environment());
        String sandbox = launch.sandbox().toAbsolutePath().toString();
        env.put("MESOS_SANDBOX", sandbox);
        env.put("MEZZO_SANDBOX", sandbox);
        env.put("MESOS_TASK_ID", launch.taskId());
        env.put("MESOS_FRAMEWORK_ID", launch.frameworkId());
        launch.executorId().ifPresent(id -> env.put("MESOS_EXECUTOR_ID", id));
        return env;
    }
}
