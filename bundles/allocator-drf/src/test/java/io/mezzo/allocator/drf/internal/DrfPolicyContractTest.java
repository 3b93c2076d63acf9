package io.mezzo.allocator.drf.internal;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.AllocationPolicyContractTest;

class DrfPolicyContractTest extends AllocationPolicyContractTest {

    @Override
    protected AllocationPolicy policy() {
        return new DrfPolicy();
    }
}
