package io.mezzo.shell.command;

import io.mezzo.api.master.AllocatorControl;
import io.mezzo.shell.internal.PolicyTables;
import io.mezzo.shell.internal.ShellFailure;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "mezzo", name = "policies", description = "Lists the allocation policies and which one is active.")
@Service
public class PoliciesCommand extends MezzoAction {

    @Reference(optional = true)
    AllocatorControl allocator;

    @Override
    protected void run() {
        AllocatorControl control = requireAllocator(allocator);
        print(PolicyTables.policies(control));
        String fallback = PolicyTables.fallbackLine(control);
        if (!fallback.isEmpty()) {
            console().println(fallback);
        }
    }

    static AllocatorControl requireAllocator(AllocatorControl allocator) {
        if (allocator == null) {
            throw new ShellFailure("No Mezzo master runs in this container (MEZZO_ROLES has no 'master')");
        }
        return allocator;
    }
}
