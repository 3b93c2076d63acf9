package io.mezzo.bench.sim;

import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkID;
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
import io.mezzo.bench.http.CallLanes;
import io.mezzo.bench.http.HttpConnection;
import io.mezzo.bench.http.HttpReactor;
import io.mezzo.bench.http.RecordStream;
import io.mezzo.bench.http.RequestHead;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A framework that launches a fixed number of equal tasks over the real scheduler API (protobuf):
 * every offer is accepted with as many tasks as fit (one ACCEPT per offer), every status update
 * is acknowledged, and a task counts as done when the acknowledgement of its TASK_FINISHED was
 * answered 202. Offers that arrive when nothing is left to launch are declined with a long filter.
 * {@link #longRunning} makes one whose tasks count as done once RUNNING (acknowledged), with a
 * failover timeout so that it and its tasks outlive a master failover.
 *
 * <p>Transport as a high-throughput Mesos framework would do it, and nothing a Mesos master would
 * not serve: the Mesos v1 calls unchanged (one ACKNOWLEDGE per call), sent over a few keep-alive
 * connections with HTTP/1.1 pipelining ({@link CallLanes}), events handled on the client's I/O
 * thread as they arrive.
 */
public final class BatchScheduler implements AutoCloseable {
    static final String SCHEDULER_PATH = "/api/v1/scheduler";
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
    private final int callLanes;
    private final int callDepth;
    private final AtomicLong acceptsSent = new AtomicLong();
    private final AtomicLong callsRefused = new AtomicLong();
    private final AtomicLong nonFinished = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private volatile long firstAcceptNanos;
    private volatile long lastFinishedNanos;
    private RecordStream stream;
    private CallLanes calls;
    private RequestHead callHead;
    private volatile FrameworkID frameworkId;
    private int launched; // event thread only

    /** ACCEPTs and ACKNOWLEDGEs share {@code callLanes} connections pipelining up to {@code callDepth} calls each. */
    public BatchScheduler(String name, int tasks, double taskCpus, double taskMem, int callLanes, int callDepth) {
        this(name, tasks, taskCpus, taskMem, TaskState.TASK_FINISHED, 0, callLanes, callDepth);
    }

    private BatchScheduler(String name, int tasks, double taskCpus, double taskMem, TaskState doneState,
            double failoverTimeoutSeconds, int callLanes, int callDepth) {
        this.name = name;
        this.tasks = tasks;
        this.taskCpus = taskCpus;
        this.taskMem = taskMem;
        this.finished = new CountDownLatch(tasks);
        this.doneState = doneState;
        this.failoverTimeoutSeconds = failoverTimeoutSeconds;
        this.callLanes = callLanes;
        this.callDepth = callDepth;
    }

    /** Tasks that run until killed (simulated agents with a long task duration); done once RUNNING. */
    public static BatchScheduler longRunning(String name, int tasks, double taskCpus, double taskMem) {
        return longRunning(name, tasks, taskCpus, taskMem, 4, 32);
    }

    /** As {@link #longRunning(String, int, double, double)} over {@code callLanes} connections. */
    public static BatchScheduler longRunning(String name, int tasks, double taskCpus, double taskMem, int callLanes,
            int callDepth) {
        return new BatchScheduler(name, tasks, taskCpus, taskMem, TaskState.TASK_RUNNING, 3600, callLanes, callDepth);
    }

    /** Subscribes; offers start flowing, and so do launches. */
    public void subscribe(HttpReactor reactor, InetSocketAddress master, String role)
            throws IOException, InterruptedException {
        subscribe(reactor, master, role, false);
    }

    /**
     * Subscribes, with {@code role} suppressed if {@code suppressed}: no offers until {@link #revive},
     * so that many frameworks can all be there before the first of them is offered anything.
     */
    public void subscribe(HttpReactor reactor, InetSocketAddress master, String role, boolean suppressed)
            throws IOException, InterruptedException {
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("bench").setName(name).addRoles(role)
                .setFailoverTimeout(failoverTimeoutSeconds).build();
        Call.Subscribe.Builder body = Call.Subscribe.newBuilder().setFrameworkInfo(info);
        if (suppressed) {
            body.addSuppressedRoles(role);
        }
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(body).build();
        calls = new CallLanes(reactor, master, callLanes, callDepth);
        try {
            stream = RecordStream.subscribe(reactor, master, SCHEDULER_PATH, subscribe.toByteArray(),
                    new RecordStream.Listener() {
                        @Override
                        public void onRecords(List<byte[]> records) {
                            for (byte[] r : records) {
                                try {
                                    onEvent(Event.parseFrom(r));
                                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                                    throw new IllegalStateException("unparseable scheduler event", e);
                                }
                            }
                        }

                        @Override
                        public void onClosed(IOException cause) {
                            // not followed: with failover timeout 0 the master forgets the framework
                            // (the run reports INCOMPLETE); long-running ones outlive it
                        }
                    }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("subscription refused", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer to SUBSCRIBE within 30 s", e);
        }
        callHead = RequestHead.post(master, SCHEDULER_PATH, stream.streamId());
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED -> frameworkId = event.getSubscribed().getFrameworkId();
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
            send(decline, null);
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
        send(accept, null);
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
        Call ack = Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build();
        send(ack, last ? () -> {
            if (done.add(status.getTaskId().getValue())) {
                lastFinishedNanos = System.nanoTime();
                finished.countDown();
            }
        } : null);
    }

    /** Sends a call with the framework id; {@code accepted} runs if it was answered 202. */
    private CompletableFuture<Integer> send(Call call, Runnable accepted) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        calls.post(callHead, (call.hasFrameworkId() ? call : call.toBuilder().setFrameworkId(frameworkId).build())
                        .toByteArray(),
                new HttpConnection.Handler() {
                    @Override
                    public void onResponse(int code, Map<String, String> headers, byte[] body) {
                        if (code != 202) {
                            callsRefused.incrementAndGet();
                        } else if (accepted != null) {
                            accepted.run();
                        }
                        status.complete(code);
                    }

                    @Override
                    public void onFailure(IOException cause) {
                        callsRefused.incrementAndGet();
                        status.completeExceptionally(cause);
                    }
                });
        return status;
    }

    /**
     * An implicit RECONCILE of no tasks (answered by nothing): opens the call connections, so that
     * a later burst of calls (the {@link #revive} of many frameworks) only writes.
     */
    public CompletableFuture<Integer> warmUp() {
        return send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()).build(),
                null);
    }

    /** REVIVE: offers again (without waiting for the answer). */
    public CompletableFuture<Integer> revive() {
        return send(Call.newBuilder().setType(Call.Type.REVIVE).build(), null);
    }

    /** Tasks done so far: TASK_FINISHED (or RUNNING, for long-running ones) acknowledged. */
    public long done() {
        return done.size();
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
        if (stream == null) {
            return;
        }
        if (frameworkId != null) {
            try {
                send(Call.newBuilder().setType(Call.Type.TEARDOWN).build(), null).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the master forgets a framework with failover timeout 0 when its stream drops anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stream.close();
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
