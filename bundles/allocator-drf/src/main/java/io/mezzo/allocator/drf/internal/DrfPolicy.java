package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.Grant;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Registers hierarchical DRF as the {@code drf} allocation policy. Stateless: each round is
 * computed from the view alone, so the master can switch to and from it between any two rounds.
 */
@Component(service = AllocationPolicy.class, property = AllocationPolicy.NAME_PROPERTY + "=" + DrfPolicy.NAME)
public class DrfPolicy implements AllocationPolicy {

    static final String NAME = "drf";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Grant> allocate(AllocationView view) {
        return HierarchicalDrf.allocate(view);
    }
}
