package io.mezzo.agent.internal;

import io.mezzo.agent.internal.detect.FixedMasterDetector;
import io.mezzo.agent.internal.detect.MasterDetector;
import io.mezzo.agent.internal.detect.MasterUrl;
import io.mezzo.agent.internal.detect.ZooKeeperMasterDetector;
import io.mezzo.agent.internal.resources.AttributeText;
import io.mezzo.agent.internal.resources.MachineResources;
import io.mezzo.api.executor.Executor;
import io.mezzo.api.node.AgentNode;
import io.mezzo.api.node.AgentSnapshot;
import io.mezzo.api.resources.Resources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent while PID {@code io.mezzo.agent} is configured and a command executor is present.
 * A configuration change or a new executor re-creates the agent, which is harmless: deactivation
 * never kills tasks, and activation recovers them from the checkpoints in the work dir. Enabled by
 * {@link AgentRoleGate} only on nodes whose {@code roles} include {@code agent}.
 */
@Component(configurationPid = AgentComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, enabled = false, service = AgentNode.class)
@Designate(ocd = AgentConfig.class)
public class AgentComponent implements AgentNode {
    static final String PID = "io.mezzo.agent";
    private static final Logger LOG = LoggerFactory.getLogger(AgentComponent.class);

    private final Agent agent;

    @Activate
    public AgentComponent(AgentConfig config,
            @Reference(target = "(" + Executor.TYPE_PROPERTY + "=command)") Executor executor) throws IOException {
        AgentSettings settings = settings(config);
        MasterUrl masterUrl = MasterUrl.parse(config.master());
        MasterDetector detector = masterUrl.fixed().<MasterDetector>map(FixedMasterDetector::new)
                .orElseGet(() -> new ZooKeeperMasterDetector(masterUrl.zooKeeper().orElseThrow(),
                        config.zk_session_timeout_ms(), (int) config.request_timeout_ms()));
        Agent created = new Agent(settings, executor, detector, Clock.systemUTC());
        try {
            created.start();
        } catch (IOException | RuntimeException e) {
            created.close(); // release threads and the ZooKeeper client before DS retries
            throw e;
        }
        agent = created;
        LOG.info("Mezzo agent started (master {}, resources {})", masterUrl,
                Resources.fromProtos(settings.resources()));
    }

    static AgentSettings settings(AgentConfig config) throws IOException {
        Path workDir = config.work_dir().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "mezzo") : Path.of(config.work_dir());
        return new AgentSettings(hostname(config.hostname()),
                MachineResources.resolve(config.resources(), MachineResources.detect(workDir)).toProtos(),
                AttributeText.parse(config.attributes()), workDir,
                Duration.ofMillis(config.registration_backoff_ms()),
                Duration.ofMillis(config.registration_backoff_max_ms()),
                Duration.ofMillis(config.status_update_retry_ms()),
                Duration.ofMillis(config.status_update_retry_max_ms()),
                Duration.ofMillis(config.request_timeout_ms()));
    }

    private static String hostname(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            LOG.warn("Cannot resolve the local host name; reporting 'localhost' (set hostname in {})", PID, e);
            return "localhost";
        }
    }

    @Override
    public AgentSnapshot snapshot() {
        return agent.snapshot();
    }

    @Deactivate
    void deactivate() {
        agent.close(); // tasks keep running; the next activation recovers them
        LOG.info("Mezzo agent stopped; its tasks keep running");
    }
}
