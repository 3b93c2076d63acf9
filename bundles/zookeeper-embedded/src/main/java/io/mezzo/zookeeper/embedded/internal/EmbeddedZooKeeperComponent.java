package io.mezzo.zookeeper.embedded.internal;

import io.mezzo.api.jmx.ZooKeeperMBean;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded ZooKeeper server while {@code io.mezzo.zookeeper} says {@code embedded = true},
 * and publishes its {@code io.mezzo:type=ZooKeeper} MBean through Karaf's JMX whiteboard meanwhile.
 * A configuration change restarts the server with the new settings (DS re-activates the component).
 */
@Component(
        configurationPid = EmbeddedZooKeeperComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = {})
@Designate(ocd = ZooKeeperConfig.class)
public class EmbeddedZooKeeperComponent {
    static final String PID = "io.mezzo.zookeeper";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeperComponent.class);

    private final ZooKeeperServerRunner server;
    private final ServiceRegistration<ZooKeeperMBean> mbean;

    @Activate
    public EmbeddedZooKeeperComponent(ZooKeeperConfig config, BundleContext context) throws Exception {
        if (!config.embedded()) {
            LOG.info("Embedded ZooKeeper disabled (io.mezzo.zookeeper embedded=false)");
            server = null;
            mbean = null;
            return;
        }
        Path dataDir = dataDir(config.data_dir());
        server = ZooKeeperServerRunner.start(config.host(), config.port(), dataDir, config.tick_time(),
                config.start_timeout());
        LOG.info("Embedded ZooKeeper serving on {} (data in {})", server.connectString(), dataDir);
        mbean = context.registerService(ZooKeeperMBean.class, new ZooKeeperServerMBean(config.host(), config.port(),
                dataDir, config.tick_time(), System::nanoTime),
                FrameworkUtil.asDictionary(Map.of("jmx.objectname", ZooKeeperMBean.OBJECT_NAME)));
    }

    @Deactivate
    void deactivate() {
        if (mbean != null) {
            mbean.unregister();
        }
        if (server != null) {
            server.close();
            LOG.info("Embedded ZooKeeper on {} stopped", server.connectString());
        }
    }

    private static Path dataDir(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.data", "data"), "zookeeper");
    }
}
