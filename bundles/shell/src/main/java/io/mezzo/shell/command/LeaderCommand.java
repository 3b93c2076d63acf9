package io.mezzo.shell.command;

import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.shell.internal.Leadership;
import io.mezzo.shell.internal.ShellFailure;
import io.mezzo.shell.internal.Table;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Works on a standby too: that is where an operator asks "who leads?". */
@Command(scope = "mezzo", name = "leader", description = "Shows the elected leading master and whether it is this node.")
@Service
public class LeaderCommand extends MezzoAction {

    @Override
    protected void run() {
        MasterView local = Leadership.requireMaster(master);
        MasterSnapshot leader = local.leader().orElseThrow(() -> new ShellFailure(
                "No leading master is known yet (election in progress or ZooKeeper unreachable)"));
        print(Table.withHeaders("ID", "ADDRESS", "VERSION", "THIS NODE")
                .row(leader.id(), Leadership.address(leader), leader.version(),
                        local.isLeader() ? "yes (leader)" : "no (this node is a standby: " + local.self().id() + ")")
                .build());
    }
}
