package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.command.completers.FrameworkIdCompleter;
import io.mezzo.shell.command.completers.TaskStateCompleter;
import io.mezzo.shell.internal.ClusterTables;
import io.mezzo.shell.internal.TaskSelection;
import java.time.Instant;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "tasks", description = "Lists the tasks the leading master tracks.")
@Service
public class TasksCommand extends MezzoAction {

    @Option(name = "--state", aliases = "-s", description = "Only tasks in this state (running or TASK_RUNNING)")
    @Completion(TaskStateCompleter.class)
    String state;

    @Option(name = "--framework", aliases = "-f", description = "Only tasks of this framework")
    @Completion(FrameworkIdCompleter.class)
    String framework;

    @Override
    protected void run() {
        MasterView leader = leader();
        print(ClusterTables.tasks(TaskSelection.filter(leader.tasks(), Optional.ofNullable(state),
                Optional.ofNullable(framework)), Instant.now()));
    }
}
