package io.mezzo.master.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.master.internal.core.MasterSettings;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {

    @Test
    void anInvalidValueKeepsItsOldValueWhileValidKeysApply() {
        List<String> refused = new ArrayList<>();
        MasterSettings merged = LiveSettings.merge(MasterSettings.defaults(), config("nonsense", "prod=2", "0"),
                (key, reason) -> refused.add(key.name()));

        assertThat(merged.allocationInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(merged.weights()).isEqualTo(Map.of("prod", 2.0));
        assertThat(refused).containsExactly("allocation.interval");
    }

    @Test
    void zeroIntervalsAndBadWeightsAreRefused() {
        List<String> refused = new ArrayList<>();
        MasterSettings merged = LiveSettings.merge(MasterSettings.defaults(), config("0", "prod=-1", "5secs"),
                (key, reason) -> refused.add(key.name()));

        assertThat(refused).containsExactly("allocation.interval", "weights");
        assertThat(merged.offerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(merged.weights()).isEmpty();
    }

    /** The configuration DS would hand the component: defaults plus three keys. */
    private static MasterConfig config(String allocationInterval, String weights, String offerTimeout) {
        return new MasterConfig() {
            @Override public Class<? extends Annotation> annotationType() { return MasterConfig.class; }
            @Override public String roles() { return "master,agent"; }
            @Override public String zk() { return "zk://127.0.0.1:2181/mezzo"; }
            @Override public String zk_session_timeout() { return "10secs"; }
            @Override public String hostname() { return "127.0.0.1"; }
            @Override public int port() { return 5050; }
            @Override public String allocation_interval() { return allocationInterval; }
            @Override public String offer_timeout() { return offerTimeout; }
            @Override public String heartbeat_interval() { return "15secs"; }
            @Override public String agent_ping_interval() { return "15secs"; }
            @Override public int agent_max_missed_pings() { return 5; }
            @Override public String agent_reregister_timeout() { return "10mins"; }
            @Override public String policy() { return "drf"; }
            @Override public String weights() { return weights; }
            @Override public int subscriber_queue_limit() { return 10000; }
            @Override public int max_body_bytes() { return 8388608; }
        };
    }
}
