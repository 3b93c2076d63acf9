package io.mezzo.shell.command;

import io.mezzo.shell.command.completers.AgentIdCompleter;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "deactivate", description = "Takes an agent out of the offer cycle: its offers are"
        + " rescinded and no new ones made, its tasks keep running. mezzo:reactivate ends it.")
@Service
public class DeactivateCommand extends MezzoAction {

    @Argument(index = 0, name = "agent", description = "The agent id", required = true)
    @Completion(AgentIdCompleter.class)
    String agentId;

    @Override
    protected void run() {
        report(leader().deactivateAgent(agentId));
    }
}
