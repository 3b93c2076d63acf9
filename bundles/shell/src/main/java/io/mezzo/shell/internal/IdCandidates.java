package io.mezzo.shell.internal;

import io.mezzo.api.master.MasterView;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the console offers on TAB for an id argument: the ids the local master knows, sorted and
 * without repeats. Completion must never fail, so a missing or standby master offers nothing.
 */
public final class IdCandidates {

    private IdCandidates() {
    }

    public static List<String> taskIds(MasterView master) {
        return ids(master, m -> m.tasks().stream().map(t -> t.id()));
    }

    public static List<String> frameworkIds(MasterView master) {
        return ids(master, m -> m.frameworks().stream().map(f -> f.id()));
    }

    public static List<String> agentIds(MasterView master) {
        return ids(master, m -> m.agents().stream().map(a -> a.id()));
    }

    private static List<String> ids(MasterView master, Function<MasterView, Stream<String>> read) {
        if (master == null || !master.isLeader()) {
            return List.of();
        }
        return read.apply(master).distinct().sorted().toList();
    }
}
