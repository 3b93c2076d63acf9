package io.mezzo.agent.internal.jmx;

import io.mezzo.api.jmx.AgentMBean;
import io.mezzo.api.node.AgentNode;
import io.mezzo.api.node.AgentSnapshot;
import java.util.Map;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code io.mezzo:type=Agent} through Karaf's JMX whiteboard; an MXBean, each read one fresh snapshot. */
@Component(service = AgentMBean.class, property = "jmx.objectname=" + AgentMBean.OBJECT_NAME)
public class AgentMBeanComponent extends StandardMBean implements AgentMBean {
    private final AgentNode agent;

    @Activate
    public AgentMBeanComponent(@Reference AgentNode agent) throws NotCompliantMBeanException {
        super(AgentMBean.class, true);
        this.agent = agent;
    }

    @Override
    public String getAgentId() {
        return snapshot().agentId().orElse("");
    }

    @Override
    public boolean isRegistered() {
        return snapshot().registered();
    }

    @Override
    public String getMaster() {
        return snapshot().master().orElse("");
    }

    @Override
    public String getResourcesTotal() {
        return snapshot().totalResources();
    }

    @Override
    public String getResourcesUsed() {
        return snapshot().usedResources();
    }

    @Override
    public Map<String, Integer> getTasksByState() {
        return snapshot().tasksByState();
    }

    @Override
    public int getPendingStatusUpdates() {
        return snapshot().pendingStatusUpdates();
    }

    @Override
    public String getWorkDir() {
        return snapshot().workDir().toString();
    }

    private AgentSnapshot snapshot() {
        return agent.snapshot();
    }
}
