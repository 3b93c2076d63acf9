package io.mezzo.master.internal.jmx;

import io.mezzo.api.jmx.AllocatorMBean;
import io.mezzo.api.master.AllocatorControl;
import io.mezzo.api.master.PolicyInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code io.mezzo:type=Allocator}, published through Karaf's JMX whiteboard. */
@Component(service = AllocatorMBean.class, property = "jmx.objectname=" + AllocatorMBean.OBJECT_NAME)
public class AllocatorMBeanComponent extends StandardMBean implements AllocatorMBean {
    private final AllocatorControl allocator;

    @Activate
    public AllocatorMBeanComponent(@Reference AllocatorControl allocator) throws NotCompliantMBeanException {
        super(AllocatorMBean.class, true);
        this.allocator = allocator;
    }

    @Override
    public String getActivePolicy() {
        return allocator.activePolicy().orElse("");
    }

    @Override
    public String getRequestedPolicy() {
        return allocator.requestedPolicy();
    }

    @Override
    public String[] getAvailablePolicies() {
        return allocator.availablePolicies().stream().map(PolicyInfo::name).sorted().toArray(String[]::new);
    }

    @Override
    public String getFallbackReason() {
        return allocator.fallbackReason().orElse("");
    }

    @Override
    public long getCyclesRun() {
        return allocator.cycleStats().cycles();
    }

    @Override
    public long getAllocationIntervalMillis() {
        return allocator.allocationInterval().toMillis();
    }

    @Override
    public long getLastCycleMicros() {
        return allocator.cycleStats().lastMicros();
    }

    @Override
    public long getMeanCycleMicros() {
        return allocator.cycleStats().meanMicros();
    }

    @Override
    public long getMaxCycleMicros() {
        return allocator.cycleStats().maxMicros();
    }

    @Override
    public int getOffersOutstanding() {
        return allocator.cycleStats().offersOutstanding();
    }

    @Override
    public String setPolicy(String name) {
        String before = allocator.requestedPolicy();
        allocator.setPolicy(name);
        return before;
    }
}
