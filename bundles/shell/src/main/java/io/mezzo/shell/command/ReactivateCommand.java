package io.mezzo.shell.command;

import io.mezzo.shell.command.completers.AgentIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "reactivate", description = "Ends an agent's deactivation or drain (draining or"
        + " drained): offers from it resume.")
@Service
public class ReactivateCommand extends MezzoAction {

    @Argument(index = 0, name = "agent", description = "The agent id", required = true)
    @Completion(AgentIdCompleter.class)
    String agentId;

    @Override
    protected void run() {
        report(leader().reactivateAgent(agentId));
    }
}
