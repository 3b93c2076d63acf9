package io.mezzo.master.internal;

import io.mezzo.api.allocation.AllocationPolicy;
import io.mezzo.api.master.AllocationCycleStats;
import io.mezzo.api.master.AllocatorControl;
import io.mezzo.api.master.PolicyInfo;
import io.mezzo.master.internal.core.CycleStats;
import io.mezzo.master.internal.core.MasterSettings;
import io.mezzo.master.internal.core.PolicyRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracks every {@link AllocationPolicy} service (whiteboard, {@code mezzo.policy=<name>}) and
 * offers {@link AllocatorControl} to operators. The master loop reads the active policy from the
 * same {@link PolicyRegistry} at the start of every cycle, so neither a configuration change, an
 * operator switch nor a policy bundle going away restarts anything or touches outstanding offers.
 * Enabled by {@link RoleGate} on nodes with the master role.
 */
@Component(configurationPid = MasterConfig.PID, enabled = false,
        service = {AllocatorControl.class, AllocatorComponent.class})
public class AllocatorComponent implements AllocatorControl {
    private final PolicyRegistry policies;
    /** The configuration's {@code policy}: only a change of it overrides an operator's or a recovered choice. */
    private volatile String configured;
    private final CycleStats stats = new CycleStats();
    /** Set by the master component, which owns the settings and refuses invalid ones. */
    private volatile Duration intervalInForce = MasterSettings.defaults().allocationInterval();

    @Activate
    public AllocatorComponent(MasterConfig config) {
        this.configured = config.policy().strip();
        this.policies = new PolicyRegistry(configured);
    }

    /**
     * Any key of {@code io.mezzo.master} changed: the policy is requested again only if its own key
     * did, so that changing, say, the allocation interval keeps the policy an operator selected.
     */
    @Modified
    void modified(MasterConfig config) {
        String policy = config.policy().strip();
        if (!policy.equals(configured)) {
            configured = policy;
            policies.request(policy);
        }
    }

    @Reference(service = AllocationPolicy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removePolicy")
    void addPolicy(AllocationPolicy policy, ServiceReference<AllocationPolicy> reference) {
        Object property = reference.getProperty(AllocationPolicy.NAME_PROPERTY);
        String name = property instanceof String s && !s.isBlank() ? s : policy.name();
        Bundle bundle = reference.getBundle();
        policies.add(new PolicyRegistry.Registered(name, policy, bundle == null ? -1 : bundle.getBundleId(),
                bundle == null ? "?" : bundle.getSymbolicName(), bundle == null ? "?" : bundle.getVersion().toString()));
    }

    void removePolicy(AllocationPolicy policy) {
        policies.remove(policy);
    }

    PolicyRegistry policies() {
        return policies;
    }

    CycleStats stats() {
        return stats;
    }

    void intervalInForce(Duration interval) {
        intervalInForce = interval;
    }

    @Override
    public Duration allocationInterval() {
        return intervalInForce;
    }

    @Override
    public Optional<String> activePolicy() {
        return policies.activeName();
    }

    @Override
    public String requestedPolicy() {
        return policies.requested();
    }

    @Override
    public List<PolicyInfo> availablePolicies() {
        Optional<String> active = policies.activeName();
        return policies.available().stream().map(r -> new PolicyInfo(r.name(), r.bundleId(), r.bundleSymbolicName(),
                r.bundleVersion(), active.filter(r.name()::equals).isPresent())).toList();
    }

    @Override
    public void setPolicy(String name) {
        policies.select(name);
    }

    @Override
    public Optional<String> fallbackReason() {
        return policies.fallbackReason();
    }

    @Override
    public AllocationCycleStats cycleStats() {
        return stats.snapshot();
    }
}
