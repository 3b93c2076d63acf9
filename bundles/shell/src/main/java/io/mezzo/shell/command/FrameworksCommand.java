package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.internal.ClusterTables;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "frameworks", description = "Lists the frameworks known to the leading master.")
@Service
public class FrameworksCommand extends MezzoAction {

    @Override
    protected void run() {
        MasterView leader = leader();
        print(ClusterTables.frameworks(leader.frameworks(), Instant.now()));
    }
}
