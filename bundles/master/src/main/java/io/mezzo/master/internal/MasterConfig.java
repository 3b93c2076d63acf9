package io.mezzo.master.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code io.mezzo.master}. Durations are Mesos-style strings ({@code 1secs},
 * {@code 500ms}, {@code 10mins}, also {@code 2s}, {@code 1m}, {@code 1h}) or bare numbers of seconds.
 */
@ObjectClassDefinition(id = "io.mezzo.master", name = "Mezzo master",
        description = "Leader election, offer cycle and HTTP API of a Mezzo master")
public @interface MasterConfig {
    String PID = "io.mezzo.master";

    @AttributeDefinition(name = "Node roles",
            description = "Roles this node runs, comma separated: master, agent or both (MEZZO_ROLES). The master"
                    + " APIs and leader election run only with 'master'; /health answers on every node")
    String roles() default "master,agent";

    @AttributeDefinition(name = "ZooKeeper URL",
            description = "zk://host1:port1,host2:port2/path; masters elect a leader under <path>/leader")
    String zk() default "zk://127.0.0.1:2181/mezzo";

    @AttributeDefinition(name = "ZooKeeper session timeout",
            description = "Session timeout of the master's ZooKeeper client (duration)")
    String zk_session_timeout() default "10secs";

    @AttributeDefinition(name = "Advertised hostname",
            description = "Hostname or IP agents and schedulers use to reach this master (in MasterInfo and redirects)")
    String hostname() default "127.0.0.1";

    @AttributeDefinition(name = "Advertised port", description = "HTTP port of this master (the Pax Web port)")
    int port() default 5050;

    @AttributeDefinition(name = "Allocation interval",
            description = "Time between allocation cycles; a cycle also runs right after resources change (duration)")
    String allocation_interval() default "1secs";

    @AttributeDefinition(name = "Offer timeout",
            description = "Offers outstanding this long are rescinded; 0 means never (the Mesos default) (duration)")
    String offer_timeout() default "0";

    @AttributeDefinition(name = "Heartbeat interval",
            description = "HEARTBEAT events are sent to each subscribed framework this often (duration)")
    String heartbeat_interval() default "15secs";

    @AttributeDefinition(name = "Agent ping interval", description = "PING events are sent to each agent this often (duration)")
    String agent_ping_interval() default "15secs";

    @AttributeDefinition(name = "Agent max missed pings",
            description = "Unanswered pings after which an agent is marked unreachable and its tasks lost")
    int agent_max_missed_pings() default 5;

    @AttributeDefinition(name = "Agent re-register timeout",
            description = "How long a disconnected agent may take to re-subscribe before it is marked unreachable (duration)")
    String agent_reregister_timeout() default "10mins";

    @AttributeDefinition(name = "Allocation policy", description = "Name of the allocation policy (mezzo.policy); drf is used until it is registered. Live")
    String policy() default "drf";

    @AttributeDefinition(name = "Role weights", description = "role=weight pairs, comma separated, e.g. prod=2,dev=0.5. Live: applies at the next cycle")
    String weights() default "";

    @AttributeDefinition(name = "Subscriber queue limit",
            description = "Events a subscriber may fall behind before the master disconnects it")
    int subscriber_queue_limit() default 10000;

    @AttributeDefinition(name = "Maximum request body", description = "Largest API request body accepted, in bytes")
    int max_body_bytes() default 8388608;
}
