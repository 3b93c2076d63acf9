package io.mezzo.api.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs tasks on an agent. Executors are OSGi services; the agent picks one by
 * {@value #TYPE_PROPERTY} (for example {@code command}).
 *
 * <p>Tasks outlive the executor service: when it goes away (bundle stopped or updated, Karaf
 * restarted) its tasks keep running, and a new instance finds them again through {@link #recover}.
 * Only {@link #kill} and {@link #shutdown} end tasks.
 */
@ConsumerType
public interface Executor {
    /** Service property naming the executor type, e.g. {@code mezzo.executor=command}. */
    String TYPE_PROPERTY = "mezzo.executor";

    /**
     * Starts a task and returns at once; preparation and spawning happen on executor threads, and
     * every outcome, failures included, arrives as updates on {@code listener}.
     *
     * @throws IllegalStateException if a task with the same id is still running here
     */
    RunningTask launch(TaskLaunch launch, TaskListener listener);

    /**
     * Asks a task to stop: SIGTERM (or the executor's equivalent), then a forced kill once
     * {@code gracePeriod} has passed. The task ends with a KILLED update.
     *
     * @return {@code false} if the task is unknown or already terminal
     */
    boolean kill(String taskId, Duration gracePeriod);

    /**
     * Re-attaches to the tasks whose sandboxes are given, after this executor (or the whole agent)
     * restarted. Each task found reports its current state: RUNNING if still alive (then terminal
     * later, and it can be killed), or its terminal update if it ended meanwhile. Sandboxes without
     * this executor's checkpoint are skipped: the caller decides what became of those tasks.
     *
     * @return the tasks found, in the order of {@code sandboxes}
     */
    List<RunningTask> recover(Collection<Path> sandboxes, TaskListener listener);

    /** The tasks this executor currently watches that have not reached a terminal state. */
    List<RunningTask> tasks();

    /**
     * Kills every task (as {@link #kill}), for an agent told to shut down. Dropping the service does
     * not do this.
     *
     * @return completes when every task has reached a terminal state
     */
    CompletionStage<Void> shutdown(Duration gracePeriod);
}
