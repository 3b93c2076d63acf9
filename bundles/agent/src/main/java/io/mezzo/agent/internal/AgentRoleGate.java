package io.mezzo.agent.internal;

import io.mezzo.api.node.NodeRoles;
import java.util.Set;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent on this node only if its {@code roles} (from {@code MEZZO_ROLES}) include
 * {@code agent}, as the master's RoleGate does for the master: {@link AgentComponent} is declared
 * disabled and enabled from here. A master-only node of a multi-node cluster thus offers no
 * resources of its own. Disabling the agent never kills its tasks (see {@link AgentComponent}).
 */
@Component(configurationPid = AgentComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class AgentRoleGate {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRoleGate.class);

    private final ComponentContext context;
    private Boolean agentEnabled;

    @Activate
    public AgentRoleGate(ComponentContext context, AgentConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    void modified(AgentConfig next) {
        apply(next);
    }

    private synchronized void apply(AgentConfig next) {
        boolean wanted = NodeRoles.parse(next.roles()).contains(NodeRoles.AGENT);
        if (agentEnabled == null || wanted != agentEnabled) {
            LOG.info("Node roles {}: the agent role is {}", NodeRoles.parse(next.roles()), wanted ? "on" : "off");
            if (wanted) {
                context.enableComponent(AgentComponent.class.getName());
            } else {
                context.disableComponent(AgentComponent.class.getName());
            }
        }
        agentEnabled = wanted;
    }

}
