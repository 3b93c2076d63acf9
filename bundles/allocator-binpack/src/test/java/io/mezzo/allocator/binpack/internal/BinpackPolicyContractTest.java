package io.mezzo.allocator.binpack.internal;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.allocation.AllocationPolicyContractTest;

class BinpackPolicyContractTest extends AllocationPolicyContractTest {

    @Override
    protected AllocationPolicy policy() {
        return new BinpackPolicy();
    }
}
