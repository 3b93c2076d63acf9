package io.mezzo.api.allocation;

/**
 * A consumer's dominant share: its largest fraction of any resource over the cluster total, as in
 * the DRF paper (Ghodsi et al., NSDI 2011) and Mesos' {@code DRFSorter::calculateShare}.
 */
public final class DominantShare {

    private DominantShare() {
    }

    /**
     * {@code max over names r of allocated[r] / total[r]}, ignoring names the cluster has none of
     * (a framework holding only {@code ports} of an agent has no share of cpus or mem).
     */
    public static double of(Quantities allocated, Quantities total) {
        double share = 0;
        for (int i = 0; i < allocated.size(); i++) {
            long whole = total.millis(allocated.name(i));
            if (whole > 0) {
                share = Math.max(share, allocated.millisAt(i) / (double) whole);
            }
        }
        return share;
    }
}
