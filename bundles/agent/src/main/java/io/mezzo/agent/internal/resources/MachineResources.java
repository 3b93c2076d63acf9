package io.mezzo.agent.internal.resources;

import io.mezzo.api.v1.Protos.Resource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The agent's total resources: what the operator configured, with anything missing detected from
 * the machine the way Mesos does it: all processors; physical memory minus min(1 GB, half) for
 * the OS; free disk of the work dir minus min(5 GB, half); ports 31000-32000.
 */
public final class MachineResources {
    static final long MB = 1024L * 1024L;

    /** What the machine offers, independent of configuration (so tests can supply their own). */
    public record Machine(int processors, long memoryBytes, long diskFreeBytes) {
    }

    private MachineResources() {
    }

    /**
     * @param configured the operator's {@code resources} text; empty means detect everything
     */
    public static List<Resource> resolve(String configured, Machine machine) {
        List<Resource> resources = new ArrayList<>(ResourceText.parseResources(configured));
        Set<String> given = resources.stream().map(Resource::getName).collect(Collectors.toSet());
        StringBuilder detected = new StringBuilder();
        if (!given.contains("cpus")) {
            detected.append("cpus:").append(machine.processors()).append(';');
        }
        if (!given.contains("mem")) {
            long reserve = Math.min(1024 * MB, machine.memoryBytes() / 2);
            detected.append("mem:").append((machine.memoryBytes() - reserve) / MB).append(';');
        }
        if (!given.contains("disk")) {
            long reserve = Math.min(5 * 1024 * MB, machine.diskFreeBytes() / 2);
            detected.append("disk:").append((machine.diskFreeBytes() - reserve) / MB).append(';');
        }
        if (!given.contains("ports")) {
            detected.append("ports:[31000-32000]");
        }
        resources.addAll(ResourceText.parseResources(detected.toString()));
        return resources;
    }

    /** Reads this machine: processors, physical memory (JMX, no com.sun import needed), free disk. */
    public static Machine detect(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        long free = Files.getFileStore(workDir).getUsableSpace();
        return new Machine(Runtime.getRuntime().availableProcessors(), physicalMemory(), free);
    }

    private static long physicalMemory() {
        try {
            Object total = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "TotalMemorySize");
            return ((Number) total).longValue();
        } catch (JMException | ClassCastException e) {
            // without the attribute, fall back to what this JVM may use: an underestimate, never an overcommit
            return Runtime.getRuntime().maxMemory();
        }
    }
}
