package io.mezzo.api.allocation;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One framework as a policy sees it. */
@ProviderType
public interface FrameworkView {

    int slot();

    String id();

    /** The roles it subscribed with (Mesos MULTI_ROLE). */
    List<String> roles();

    /** True if it sent SUPPRESS for {@code role} (or for all its roles). */
    boolean suppressed(String role);

    /** What it holds in {@code role} (offered or used, reserved or not). */
    Quantities allocated(String role);

    /** How many grants it has received so far; DRF's tie breaker. */
    long allocations();

    /**
     * The shape of one of its tasks, if known (declared or learnt from its last launch), else
     * empty. A policy may then hand out agents in whole multiples of it, which is what keeps
     * frameworks within one task of each other when agents are much larger than tasks.
     */
    Quantities taskShape();
}
