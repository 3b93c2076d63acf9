package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.internal.ClusterTables;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "agents", description = "Lists the agents registered with the leading master.")
@Service
public class AgentsCommand extends MezzoAction {

    @Override
    protected void run() {
        MasterView leader = leader();
        print(ClusterTables.agents(leader.agents(), Instant.now()));
    }
}
