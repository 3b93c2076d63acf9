package io.mezzo.shell.command;

import io.mezzo.api.master.AgentSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.shell.internal.ClusterSummary;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "state", description = "Summarizes the cluster: leader, agents, frameworks, tasks by state, resources.")
@Service
public class StateCommand extends MezzoAction {

    @Override
    protected void run() {
        MasterView leader = leader();
        List<AgentSnapshot> agents = leader.agents();
        print(ClusterSummary.overview(leader.self(), true, agents, leader.frameworks(), leader.tasks()));
        console().println();
        print(ClusterSummary.resources(agents));
    }
}
