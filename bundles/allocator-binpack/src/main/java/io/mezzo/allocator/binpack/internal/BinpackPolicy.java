package io.mezzo.allocator.binpack.internal;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.AllocationView;
import io.mezzo.api.allocation.Grant;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Registers fullest-agent-first packing as the {@code binpack} allocation policy. Stateless. */
@Component(service = AllocationPolicy.class, property = AllocationPolicy.NAME_PROPERTY + "=" + BinpackPolicy.NAME)
public class BinpackPolicy implements AllocationPolicy {

    static final String NAME = "binpack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Grant> allocate(AllocationView view) {
        return FullestFirstPacker.allocate(view);
    }
}
