package io.mezzo.shell.internal;

import io.mezzo.api.master.AllocatorControl;
import io.mezzo.api.master.PolicyInfo;
import java.util.Comparator;

/** The table of {@code mezzo:policies}: every registered policy, its bundle, and which one allocates. */
public final class PolicyTables {
    private PolicyTables() {
    }

    public static Table policies(AllocatorControl allocator) {
        String active = allocator.activePolicy().orElse("");
        Table.Builder table = Table.withHeaders("POLICY", "BUNDLE", "VERSION", "ACTIVE").whenEmpty("No allocation policies.");
        allocator.availablePolicies().stream().sorted(Comparator.comparing(PolicyInfo::name)).forEach(p -> table.row(
                p.name(), p.bundleSymbolicName() + " [" + p.bundleId() + "]", p.bundleVersion(),
                p.name().equals(active) ? "yes" : ""));
        return table.build();
    }

    /** One line under the table when the master is not using what was asked for. */
    public static String fallbackLine(AllocatorControl allocator) {
        return allocator.fallbackReason().map(reason -> "Fallback: " + reason).orElse("");
    }
}
