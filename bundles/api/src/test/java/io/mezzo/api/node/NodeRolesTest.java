package io.mezzo.api.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeRolesTest {

    @Test
    void readsACommaSeparatedListLeniently() {
        assertThat(NodeRoles.parse("master,agent")).containsExactly(NodeRoles.AGENT, NodeRoles.MASTER);
        assertThat(NodeRoles.parse(" agent , ,")).containsExactly(NodeRoles.AGENT);
        assertThat(NodeRoles.parse("zookeeper")).doesNotContain(NodeRoles.MASTER, NodeRoles.AGENT);
        assertThat(NodeRoles.parse("")).isEmpty();
    }
}
