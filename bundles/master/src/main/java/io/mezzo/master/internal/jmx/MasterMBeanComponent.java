package io.mezzo.master.internal.jmx;

import io.mezzo.api.jmx.MasterMBean;
import io.mezzo.api.master.MasterSnapshot;
import io.mezzo.api.master.MasterView;
import io.mezzo.master.internal.metrics.ClusterFigures;
import java.util.Map;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code io.mezzo:type=Master}, published through Karaf's JMX whiteboard. An MXBean, so the task
 * counts reach JConsole as open types. Each read takes fresh snapshots from the master loop.
 */
@Component(service = MasterMBean.class, property = "jmx.objectname=" + MasterMBean.OBJECT_NAME)
public class MasterMBeanComponent extends StandardMBean implements MasterMBean {
    private final MasterView master;

    @Activate
    public MasterMBeanComponent(@Reference MasterView master) throws NotCompliantMBeanException {
        super(MasterMBean.class, true);
        this.master = master;
    }

    @Override
    public boolean isLeader() {
        return master.isLeader();
    }

    @Override
    public String getMasterId() {
        return master.self().id();
    }

    @Override
    public String getLeaderAddress() {
        return master.leader().map(MasterMBeanComponent::address).orElse("");
    }

    @Override
    public int getActiveAgents() {
        return figures().activeAgents();
    }

    @Override
    public int getInactiveAgents() {
        return figures().inactiveAgents();
    }

    @Override
    public int getActiveFrameworks() {
        return figures().activeFrameworks();
    }

    @Override
    public int getInactiveFrameworks() {
        return figures().inactiveFrameworks();
    }

    @Override
    public Map<String, Integer> getTasksByState() {
        return figures().tasksByState();
    }

    @Override
    public String getResourcesTotal() {
        return figures().total().toString();
    }

    @Override
    public String getResourcesUsed() {
        return figures().used().toString();
    }

    @Override
    public String getResourcesOffered() {
        return figures().offered().toString();
    }

    @Override
    public int getOffersOutstanding() {
        return figures().offers();
    }

    @Override
    public boolean killTask(String frameworkId, String taskId) {
        return master.killTask(frameworkId, taskId);
    }

    @Override
    public boolean teardownFramework(String frameworkId) {
        return master.teardownFramework(frameworkId);
    }

    private ClusterFigures figures() {
        return ClusterFigures.of(master);
    }

    private static String address(MasterSnapshot m) {
        return m.hostname() + ":" + m.port();
    }
}
