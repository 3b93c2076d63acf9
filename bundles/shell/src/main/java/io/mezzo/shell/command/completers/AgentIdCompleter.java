package io.mezzo.shell.command.completers;

import io.mezzo.api.master.MasterView;
import io.mezzo.shell.internal.IdCandidates;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes agent ids from the leading master in this container. */
@Service
public class AgentIdCompleter implements Completer {

    @Reference(optional = true)
    MasterView master;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(IdCandidates.agentIds(master)).complete(session, commandLine, candidates);
    }
}
