package io.mezzo.agent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code io.mezzo.agent} (keys: {@code master}, {@code work.dir}, ...). */
@ObjectClassDefinition(name = "Mezzo Agent",
        description = "An agent: offers this machine's resources to the leading master and runs its tasks.")
public @interface AgentConfig {

    @AttributeDefinition(name = "Node roles",
            description = "Roles this node runs, comma separated: master, agent or both (MEZZO_ROLES). The agent "
                    + "runs only with 'agent'.")
    String roles() default "master,agent";

    @AttributeDefinition(name = "Master",
            description = "Where the leading master is: zk://host1:port1,host2:port2/path (ZooKeeper leader "
                    + "election, as the masters' zk setting) or a fixed host:port.")
    String master() default "zk://127.0.0.1:2181/mezzo";

    @AttributeDefinition(name = "Resources",
            description = "Total resources, e.g. cpus:4;mem:4096;disk:10000;ports:[31000-32000]. Resources not "
                    + "named are detected: all processors, physical memory minus min(1 GB, half), free disk "
                    + "of the work dir minus min(5 GB, half), ports 31000-32000.")
    String resources() default "";

    @AttributeDefinition(name = "Attributes", description = "Attributes passed along with offers, e.g. rack:r1;zone:a.")
    String attributes() default "";

    @AttributeDefinition(name = "Work directory",
            description = "Sandboxes and checkpoints. Empty: ${karaf.data}/mezzo.")
    String work_dir() default "";

    @AttributeDefinition(name = "Hostname",
            description = "Hostname reported to the master. Empty: this machine's canonical host name.")
    String hostname() default "";

    @AttributeDefinition(name = "Registration backoff (ms)",
            description = "First delay before subscribing again after the stream to the master broke; doubles "
                    + "on each failure up to the maximum.")
    long registration_backoff_ms() default 500;

    @AttributeDefinition(name = "Maximum registration backoff (ms)", description = "Cap of the registration backoff.")
    long registration_backoff_max_ms() default 10_000;

    @AttributeDefinition(name = "Status update retry interval (ms)",
            description = "How long to wait for a framework's acknowledgement before resending a status "
                    + "update; doubles on each resend up to the maximum (Mesos: 10 s).")
    long status_update_retry_ms() default 10_000;

    @AttributeDefinition(name = "Maximum status update retry interval (ms)",
            description = "Cap of the status update retry interval (Mesos: 10 min).")
    long status_update_retry_max_ms() default 600_000;

    @AttributeDefinition(name = "Request timeout (ms)",
            description = "Bound on connecting to the master and on each HTTP exchange with it.")
    long request_timeout_ms() default 10_000;

    @AttributeDefinition(name = "ZooKeeper session timeout (ms)",
            description = "Session timeout of the agent's ZooKeeper client (master detection).")
    int zk_session_timeout_ms() default 10_000;
}
