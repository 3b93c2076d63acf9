package io.mezzo.executor.command.internal;

import io.mezzo.api.executor.Executor;
import io.mezzo.api.executor.RunningTask;
import io.mezzo.api.executor.TaskLaunch;
import io.mezzo.api.executor.TaskListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes the {@link CommandExecutor} as the {@code command} executor. Deactivation (bundle stop
 * or update) leaves tasks running; the agent re-attaches through {@link #recover}.
 */
@Component(service = Executor.class, configurationPid = "io.mezzo.executor.command",
        property = Executor.TYPE_PROPERTY + "=command")
@Designate(ocd = CommandExecutorComponent.Config.class)
public class CommandExecutorComponent implements Executor {

    @ObjectClassDefinition(name = "Mezzo command executor",
            description = "Runs tasks as OS processes in their sandboxes.")
    public @interface Config {
        @AttributeDefinition(name = "Launch threads",
                description = "Threads that prepare sandboxes (fetch URIs) and spawn task processes.")
        int launch_threads() default 4;

        @AttributeDefinition(name = "Re-attach poll interval (ms)",
                description = "How often tasks re-attached after a restart are checked for their end.")
        long reattach_poll_interval_ms() default 250;

        @AttributeDefinition(name = "Inherited environment",
                description = "Variables of the agent's environment passed on to every task.")
        String[] inherited_environment() default {"PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "LOGNAME"};
    }

    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private final CommandExecutor executor;

    @Activate
    public CommandExecutorComponent(Config config) {
        this.executor = new CommandExecutor(new CommandExecutorSettings(config.launch_threads(),
                Duration.ofMillis(config.reattach_poll_interval_ms()), baseEnvironment(config.inherited_environment()),
                HostTools.detect()), Clock.systemUTC());
    }

    private static Map<String, String> baseEnvironment(String[] names) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    @Deactivate
    void deactivate() {
        executor.close();
    }

    @Override
    public RunningTask launch(TaskLaunch launch, TaskListener listener) {
        return executor.launch(launch, listener);
    }

    @Override
    public boolean kill(String taskId, Duration gracePeriod) {
        return executor.kill(taskId, gracePeriod);
    }

    @Override
    public List<RunningTask> recover(Collection<Path> sandboxes, TaskListener listener) {
        return executor.recover(sandboxes, listener);
    }

    @Override
    public List<RunningTask> tasks() {
        return executor.tasks();
    }

    @Override
    public CompletionStage<Void> shutdown(Duration gracePeriod) {
        return executor.shutdown(gracePeriod);
    }
}
