package io.mezzo.api.node;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The roles a node runs, from the {@code roles} key of {@code io.mezzo.master}/{@code io.mezzo.agent}
 * ({@code MEZZO_ROLES}): a comma-separated list such as {@code master,agent}.
 */
public final class NodeRoles {
    public static final String MASTER = "master";
    public static final String AGENT = "agent";

    private NodeRoles() {
    }

    /** The roles named in {@code text}, trimmed, without blanks, sorted. */
    public static Set<String> parse(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
