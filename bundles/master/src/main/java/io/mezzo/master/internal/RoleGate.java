package io.mezzo.master.internal;

import io.mezzo.api.node.NodeRoles;
import java.util.Objects;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the master on this node only if its {@code roles} (from {@code MEZZO_ROLES}) include
 * {@code master}: the master and allocator components are declared disabled and enabled from here.
 * Without them the master APIs are absent (their endpoints need the master), while {@code /health}
 * still answers. Also restarts the master when a key it cannot take live changes (ZooKeeper URL and
 * session timeout, advertised address): disable and enable, so the other keys never cost a restart.
 */
@Component(configurationPid = MasterConfig.PID, immediate = true)
public class RoleGate {
    private static final Logger LOG = LoggerFactory.getLogger(RoleGate.class);
    private static final String[] GATED = {AllocatorComponent.class.getName(), MasterComponent.class.getName()};

    private final ComponentContext context;
    private boolean masterEnabled;
    private MasterConfig config;

    @Activate
    public RoleGate(ComponentContext context, MasterConfig config) {
        this.context = context;
        apply(config);
    }

    @Modified
    void modified(MasterConfig next) {
        apply(next);
    }

    private synchronized void apply(MasterConfig next) {
        boolean wanted = NodeRoles.parse(next.roles()).contains(NodeRoles.MASTER);
        if (wanted && masterEnabled && needsRestart(config, next)) {
            LOG.info("ZooKeeper or advertised address of the master changed: restarting the master component");
            context.disableComponent(MasterComponent.class.getName());
            context.enableComponent(MasterComponent.class.getName());
        } else if (wanted != masterEnabled) {
            LOG.info("Node roles {}: the master role is {}", NodeRoles.parse(next.roles()), wanted ? "on" : "off");
            for (String component : GATED) {
                if (wanted) {
                    context.enableComponent(component);
                } else {
                    context.disableComponent(component);
                }
            }
        }
        masterEnabled = wanted;
        config = next;
    }


    static boolean needsRestart(MasterConfig before, MasterConfig after) {
        return before != null && !(Objects.equals(before.zk(), after.zk())
                && Objects.equals(before.zk_session_timeout(), after.zk_session_timeout())
                && Objects.equals(before.hostname(), after.hostname()) && before.port() == after.port());
    }
}
