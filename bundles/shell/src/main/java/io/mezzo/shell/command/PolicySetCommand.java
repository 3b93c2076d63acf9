package io.mezzo.shell.command;

import io.mezzo.api.master.AllocatorControl;
import io.mezzo.shell.command.completers.PolicyNameCompleter;
import io.mezzo.shell.internal.ShellFailure;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "policy-set",
        description = "Switches the allocation policy from the next cycle (until the 'policy' configuration changes).")
@Service
public class PolicySetCommand extends MezzoAction {

    @Reference(optional = true)
    AllocatorControl allocator;

    @Argument(index = 0, name = "policy", description = "A registered policy, e.g. drf or binpack", required = true)
    @Completion(PolicyNameCompleter.class)
    String policy;

    @Override
    protected void run() {
        AllocatorControl control = PoliciesCommand.requireAllocator(allocator);
        try {
            control.setPolicy(policy);
        } catch (IllegalArgumentException e) {
            throw new ShellFailure(e.getMessage());
        }
        console().println("Allocation policy set to " + policy + " from the next cycle");
    }
}
