package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.command.completers.FrameworkIdCompleter;
import io.mezzo.shell.command.completers.TaskIdCompleter;
import io.mezzo.shell.internal.OutputFollower;
import io.mezzo.shell.internal.OutputTail;
import io.mezzo.shell.internal.SandboxLookup;
import io.mezzo.shell.internal.TaskStates;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "sandbox", description = "Prints a task's stdout (or stderr) from this node's agent sandbox.")
@Service
public class SandboxCommand extends MezzoAction {
    private static final long FOLLOW_POLL_MILLIS = 250;

    @Argument(index = 0, name = "task", description = "The task id", required = true)
    @Completion(TaskIdCompleter.class)
    String taskId;

    @Option(name = "--stderr", aliases = "-e", description = "Print stderr instead of stdout")
    boolean stderr;

    @Option(name = "--follow", aliases = "-F", description = "Keep printing new output until the task ends (or Ctrl-C)")
    boolean follow;

    @Option(name = "--framework", aliases = "-f", description = "The task's framework, when several have a task of that id")
    @Completion(FrameworkIdCompleter.class)
    String framework;

    @Override
    protected void run() throws Exception {
        SandboxLookup.Found found = SandboxLookup.find(master, localAgent().snapshot(), taskId,
                Optional.ofNullable(framework));
        OutputTail tail = new OutputTail(found.sandbox().resolve(stderr ? "stderr" : "stdout"));
        if (!follow) {
            tail.copyNew(console());
            return;
        }
        try {
            OutputFollower.follow(tail, console(), ended(found.frameworkId()),
                    () -> TimeUnit.MILLISECONDS.sleep(FOLLOW_POLL_MILLIS));
        } catch (InterruptedException e) {
            // Ctrl-C: the operator has seen enough; the task keeps running
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the task has ended, as far as the leading master here knows; never, without one. */
    private BooleanSupplier ended(String frameworkId) {
        MasterView local = master;
        if (local == null || !local.isLeader()) {
            return () -> false;
        }
        return () -> local.tasks().stream()
                .filter(t -> t.id().equals(taskId) && t.frameworkId().equals(frameworkId))
                .findFirst().map(t -> TaskStates.isTerminal(t.state())).orElse(true);
    }
}
