package io.mezzo.master.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.allocator.binpack.internal.BinpackPolicy;
import io.mezzo.allocator.drf.internal.DrfPolicy;
import io.mezzo.master.internal.core.PolicyRegistry;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which configuration changes move the policy an operator selected. */
class AllocatorComponentTest {

    @Test
    void aChangeOfAnotherKeyKeepsTheOperatorsPolicyAndAChangeOfPolicyReplacesIt() {
        AllocatorComponent allocator = new AllocatorComponent(config(Map.of()));
        allocator.policies().add(new PolicyRegistry.Registered("drf", new DrfPolicy(), 1, "drf", "0"));
        allocator.policies().add(new PolicyRegistry.Registered("binpack", new BinpackPolicy(), 2, "binpack", "0"));
        allocator.setPolicy("binpack");

        allocator.modified(config(Map.of("allocation_interval", "2secs")));
        assertThat(allocator.activePolicy()).contains("binpack");

        allocator.modified(config(Map.of("allocation_interval", "2secs", "policy", "drf")));
        assertThat(allocator.activePolicy()).as("the policy key says drf as it did before: no change of it")
                .contains("binpack");

        allocator.modified(config(Map.of("policy", "binpack")));
        allocator.modified(config(Map.of("policy", "drf")));
        assertThat(allocator.activePolicy()).contains("drf");
        assertThat(allocator.requestedPolicy()).isEqualTo("drf");
    }

    /** The configuration DS would hand the component: every key's default but those in {@code values}. */
    private static MasterConfig config(Map<String, Object> values) {
        return (MasterConfig) Proxy.newProxyInstance(MasterConfig.class.getClassLoader(),
                new Class<?>[] {MasterConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> MasterConfig.class;
                    case "toString" -> "MasterConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
