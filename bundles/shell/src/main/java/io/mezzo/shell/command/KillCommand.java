package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.api.master.TaskSnapshot;
import io.mezzo.shell.command.completers.FrameworkIdCompleter;
import io.mezzo.shell.command.completers.TaskIdCompleter;
import io.mezzo.shell.internal.ShellFailure;
import io.mezzo.shell.internal.TaskSelection;
import io.mezzo.shell.internal.TaskStates;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "kill", description = "Kills a task, as its framework's KILL would (SIGTERM, then SIGKILL after the grace period).")
@Service
public class KillCommand extends MezzoAction {

    @Argument(index = 0, name = "task", description = "The task id", required = true)
    @Completion(TaskIdCompleter.class)
    String taskId;

    @Option(name = "--framework", aliases = "-f", description = "The task's framework, when several have a task of that id")
    @Completion(FrameworkIdCompleter.class)
    String framework;

    @Override
    protected void run() {
        MasterView leader = leader();
        TaskSnapshot task = TaskSelection.single(leader.tasks(), taskId, Optional.ofNullable(framework));
        if (TaskStates.isTerminal(task.state())) {
            throw new ShellFailure("Task " + taskId + " already ended (" + task.state() + ")");
        }
        if (!leader.killTask(task.frameworkId(), task.id())) {
            throw new ShellFailure("The master refused to kill task " + taskId
                    + " (it lost leadership or the task is gone)");
        }
        console().println("Kill of task " + taskId + " (framework " + task.frameworkId()
                + ") sent; follow it with mezzo:tasks");
    }
}
