package io.mezzo.shell.command;

import io.mezzo.shell.command.completers.AgentIdCompleter;
import io.mezzo.shell.internal.ShellFailure;
import java.time.Duration;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "drain", description = "Drains an agent: no more offers from it, its tasks are left"
        + " to finish (or killed after --kill-after), then it is DRAINED. mezzo:reactivate ends it.")
@Service
public class DrainCommand extends MezzoAction {

    @Argument(index = 0, name = "agent", description = "The agent id", required = true)
    @Completion(AgentIdCompleter.class)
    String agentId;

    @Option(name = "--kill-after", aliases = "-k", description = "Kill the tasks still running this many seconds"
            + " from now (0: at once); without it they are left to finish")
    Long killAfterSeconds;

    @Override
    protected void run() {
        if (killAfterSeconds != null && killAfterSeconds < 0) {
            throw new ShellFailure("--kill-after must be 0 or more seconds, got " + killAfterSeconds);
        }
        report(leader().drainAgent(agentId, Optional.ofNullable(killAfterSeconds).map(Duration::ofSeconds)));
    }
}
