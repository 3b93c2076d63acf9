package io.mezzo.shell.command;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.command.completers.FrameworkIdCompleter;
import io.mezzo.shell.internal.ShellFailure;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "teardown", description = "Removes a framework at once: rescinds its offers and kills its tasks.")
@Service
public class TeardownCommand extends MezzoAction {

    @Argument(index = 0, name = "framework", description = "The framework id", required = true)
    @Completion(FrameworkIdCompleter.class)
    String frameworkId;

    @Override
    protected void run() {
        MasterView leader = leader();
        if (leader.frameworks().stream().noneMatch(f -> f.id().equals(frameworkId))) {
            throw new ShellFailure("Unknown framework " + frameworkId);
        }
        if (!leader.teardownFramework(frameworkId)) {
            throw new ShellFailure("The master refused to tear down framework " + frameworkId
                    + " (it lost leadership or the framework is gone)");
        }
        console().println("Framework " + frameworkId + " torn down");
    }
}
