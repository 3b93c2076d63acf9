package io.mezzo.shell.command.completers;

import io.mezzo.shell.internal.TaskStates;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes task state names ({@code TASK_RUNNING} ...). */
@Service
public class TaskStateCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(TaskStates.names()).complete(session, commandLine, candidates);
    }
}
