package io.mezzo.shell.command.completers;

import io.mezzo.api.master.AllocatorControl;
import io.mezzo.api.master.PolicyInfo;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the allocation policies registered right now. */
@Service
public class PolicyNameCompleter implements Completer {

    @Reference(optional = true)
    AllocatorControl allocator;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names = allocator == null ? List.of()
                : allocator.availablePolicies().stream().map(PolicyInfo::name).sorted().toList();
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
