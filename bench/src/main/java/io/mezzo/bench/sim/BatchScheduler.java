package io.mezzo.bench.sim;

import io.mezzo.api.client.SchedulerClient;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.Protos.Value;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A framework that launches a fixed number of equal tasks over the real scheduler API (protobuf):
 * every offer is accepted with as many tasks as fit (one ACCEPT per offer), every status update
 * is acknowledged, and a task counts as done when the acknowledgement of its TASK_FINISHED was
 * answered 202. Offers that arrive when nothing is left to launch are declined with a long filter.
 * {@link #longRunning} makes one whose tasks count as done once RUNNING (acknowledged), with a
 * failover timeout so that it and its tasks outlive a master failover.
 */
public final class BatchScheduler implements AutoCloseable {
    private static final Filters NO_REFUSAL = Filters.newBuilder().setRefuseSeconds(0).build();
    private static final Filters CRUMBS = Filters.newBuilder().setRefuseSeconds(0.2).build();
    private static final Filters DONE = Filters.newBuilder().setRefuseSeconds(3600).build();

    private final String name;
    private final int tasks;
    private final double taskCpus;
    private final double taskMem;
    private final CountDownLatch finished;
    /** Tasks counted as done (a resent update must not count twice). */
    private final java.util.Set<String> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final TaskState doneState;
    private final double failoverTimeoutSeconds;
    /** ACCEPTs and ACKNOWLEDGEs share a few connections, as a real framework's client would. */
    private final CallPipe calls = new CallPipe(16);
    private final AtomicLong acceptsSent = new AtomicLong();
    private final AtomicLong callsRefused = new AtomicLong();
    private final AtomicLong nonFinished = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private volatile long firstAcceptNanos;
    private volatile long lastFinishedNanos;
    private SchedulerClient client;
    private int launched; // event thread only

    public BatchScheduler(String name, int tasks, double taskCpus, double taskMem) {
        this(name, tasks, taskCpus, taskMem, TaskState.TASK_FINISHED, 0);
    }

    private BatchScheduler(String name, int tasks, double taskCpus, double taskMem, TaskState doneState,
            double failoverTimeoutSeconds) {
        this.name = name;
        this.tasks = tasks;
        this.taskCpus = taskCpus;
        this.taskMem = taskMem;
        this.finished = new CountDownLatch(tasks);
        this.doneState = doneState;
        this.failoverTimeoutSeconds = failoverTimeoutSeconds;
    }

    /** Tasks that run until killed (simulated agents with a long task duration); done once RUNNING. */
    public static BatchScheduler longRunning(String name, int tasks, double taskCpus, double taskMem) {
        return new BatchScheduler(name, tasks, taskCpus, taskMem, TaskState.TASK_RUNNING, 3600);
    }

    /** Subscribes; offers start flowing, and so do launches. */
    public void subscribe(HttpClient http, URI master, String role) throws IOException, InterruptedException {
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("bench").setName(name).addRoles(role)
                .setFailoverTimeout(failoverTimeoutSeconds).build();
        client = SchedulerClient.subscribe(http, master, info, this::onEvent, cause -> { }, Duration.ofSeconds(30));
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case OFFERS -> event.getOffers().getOffersList().forEach(this::use);
            case UPDATE -> acknowledge(event.getUpdate().getStatus());
            default -> {
                // SUBSCRIBED, HEARTBEAT, RESCIND: nothing to do for a batch
            }
        }
    }

    private void use(Offer offer) {
        int fit = (int) Math.min(Math.floor(scalar(offer, "cpus") / taskCpus + 1e-9),
                Math.floor(scalar(offer, "mem") / taskMem + 1e-9));
        int count = Math.min(fit, tasks - launched);
        if (count <= 0) {
            // crumbs (too little for one task) are refused briefly; once all is launched, for long
            Filters filters = launched < tasks ? CRUMBS : DONE;
            Call decline = Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                    .addOfferIds(offer.getId()).setFilters(filters)).build();
            calls.send(() -> client.callAsync(decline), (r, e) -> countRefusal(r, e));
            return;
        }
        Offer.Operation.Launch.Builder launch = Offer.Operation.Launch.newBuilder();
        for (int i = 0; i < count; i++) {
            launch.addTaskInfos(TaskInfo.newBuilder().setName(name)
                    .setTaskId(TaskID.newBuilder().setValue(name + "-" + launched++))
                    .setAgentId(offer.getAgentId())
                    .setCommand(CommandInfo.newBuilder().setValue("true"))
                    .addResources(scalarResource("cpus", taskCpus))
                    .addResources(scalarResource("mem", taskMem)));
        }
        if (firstAcceptNanos == 0) {
            firstAcceptNanos = System.nanoTime();
        }
        acceptsSent.incrementAndGet();
        Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).addOperations(Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.LAUNCH).setLaunch(launch))
                .setFilters(NO_REFUSAL)).build();
        calls.send(() -> client.callAsync(accept), (r, e) -> countRefusal(r, e));
    }

    private void acknowledge(TaskStatus status) {
        updatesReceived.incrementAndGet();
        if (status.getState() != TaskState.TASK_STARTING && status.getState() != TaskState.TASK_RUNNING
                && status.getState() != TaskState.TASK_FINISHED) {
            nonFinished.incrementAndGet();
        }
        if (!status.hasUuid()) {
            return; // generated by the master, nothing to acknowledge
        }
        boolean last = status.getState() == doneState;
        Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build();
        calls.send(() -> client.callAsync(ack), (r, e) -> {
            countRefusal(r, e);
            if (last && r != null && r.statusCode() == 202 && done.add(status.getTaskId().getValue())) {
                lastFinishedNanos = System.nanoTime();
                finished.countDown();
            }
        });
    }

    private void countRefusal(HttpResponse<String> response, Throwable error) {
        if (error != null || response.statusCode() != 202) {
            callsRefused.incrementAndGet();
        }
    }

    /** Waits until every task's TASK_FINISHED (or RUNNING, for long-running ones) was acknowledged. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long remaining() {
        return finished.getCount();
    }

    public long firstAcceptNanos() {
        return firstAcceptNanos;
    }

    public long lastFinishedNanos() {
        return lastFinishedNanos;
    }

    public long acceptsSent() {
        return acceptsSent.get();
    }

    public long updatesReceived() {
        return updatesReceived.get();
    }

    public long callsRefused() {
        return callsRefused.get();
    }

    /** Updates other than STARTING/RUNNING/FINISHED (lost, error, dropped…): should stay 0. */
    public long unexpectedStates() {
        return nonFinished.get();
    }

    /** Ends the framework (TEARDOWN; with a failover timeout of 0 dropping the stream would do). */
    @Override
    public void close() {
        if (client != null) {
            try {
                client.teardown();
            } catch (IOException e) {
                // the master forgets a framework with failover timeout 0 when its stream drops anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
        }
    }

    static double scalar(Offer offer, String name) {
        double sum = 0;
        for (Resource r : offer.getResourcesList()) {
            if (r.getName().equals(name) && r.hasScalar()) {
                sum += r.getScalar().getValue();
            }
        }
        return sum;
    }

    private static Resource scalarResource(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }
}
