package io.mezzo.shell.command;

import io.mezzo.api.master.MaintenanceResult;
import io.mezzo.api.master.MasterView;
import io.mezzo.api.node.AgentNode;
import io.mezzo.shell.internal.Leadership;
import io.mezzo.shell.internal.ShellFailure;
import io.mezzo.shell.internal.Table;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * What every {@code mezzo:} command shares: the local master and agent (both optional, since a
 * node may run either role, and a command should say "no master here" rather than vanish), and
 * one way to fail: a {@link ShellFailure} becomes Karaf's {@link CommandException}, which the
 * console prints as one line and {@code bin/client -b} turns into a non-zero exit.
 *
 * <p>New commands (policies, drain, ...) extend this and implement {@link #run()}.
 */
public abstract class MezzoAction implements Action {

    @Reference(optional = true)
    MasterView master;

    @Reference(optional = true)
    AgentNode agent;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
            return null;
        } catch (ShellFailure failure) {
            throw new CommandException(failure.getMessage(), failure);
        }
    }

    /** The command's work: parse, call a service, print. */
    protected abstract void run() throws Exception;

    /** The local master if it leads; otherwise a one-line failure naming the leader. */
    protected MasterView leader() {
        return Leadership.requireLeader(master);
    }

    /** @throws ShellFailure when no agent runs in this container */
    protected AgentNode localAgent() {
        if (agent == null) {
            throw new ShellFailure("No Mezzo agent runs in this container (feature mezzo-agent not active)");
        }
        return agent;
    }

    protected static PrintStream console() {
        // Karaf binds System.out to the session's terminal while a command runs
        return System.out;
    }

    /** Prints what a maintenance operation did, or fails with the master's one-line reason. */
    protected static void report(MaintenanceResult result) {
        if (!result.done()) {
            throw new ShellFailure(result.message());
        }
        console().println(result.message());
    }

    /** Prints a table through Karaf's ShellTable, or its empty text when there are no rows. */
    protected static void print(Table table) {
        ShellTable shell = new ShellTable().emptyTableText(table.emptyText());
        if (table.headers().stream().allMatch(String::isEmpty)) {
            shell.noHeaders();
        }
        table.headers().forEach(shell::column);
        for (List<String> row : table.rows()) {
            shell.addRow().addContent(row.toArray());
        }
        shell.print(console());
    }
}
