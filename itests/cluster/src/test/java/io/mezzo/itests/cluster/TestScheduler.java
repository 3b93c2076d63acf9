package io.mezzo.itests.cluster;

import static org.awaitility.Awaitility.await;

import io.mezzo.api.client.SchedulerClient;
import io.mezzo.api.v1.Protos.AgentID;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A framework for tests, on the real scheduler API through {@link SchedulerClient}: it records
 * every event, acknowledges every update that asks for it, and tears itself down on close.
 */
final class TestScheduler implements AutoCloseable {
    private final SchedulerClient client;
    private final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    private final List<Instant> offerTimes = new CopyOnWriteArrayList<>();
    /** Offers received and not yet declined, accepted or rescinded: the master offers none of it again. */
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String closedBecause;
    private volatile String lastRefusal;

    private TestScheduler(SchedulerClient client) {
        this.client = client;
    }

    static TestScheduler subscribe(URI master, String name) throws Exception {
        return subscribe(master, FrameworkInfo.newBuilder().setUser("root").setName(name).addRoles("*").build());
    }

    static TestScheduler subscribe(URI master, FrameworkInfo framework) throws Exception {
        return subscribe(master, framework, List.of());
    }

    /** Subscribes with offers suppressed in {@code suppressedRoles} until {@code client().revive()}. */
    static TestScheduler subscribe(URI master, FrameworkInfo framework, List<String> suppressedRoles)
            throws Exception {
        HttpClient http = SchedulerClient.newHttpClient(Duration.ofSeconds(5));
        TestScheduler[] self = new TestScheduler[1];
        BlockingQueue<Event> early = new LinkedBlockingQueue<>();
        SchedulerClient client = SchedulerClient.subscribe(http, master, framework, suppressedRoles,
                event -> {
                    TestScheduler scheduler = self[0];
                    if (scheduler == null) {
                        early.add(event);
                    } else {
                        scheduler.onEvent(event);
                    }
                },
                cause -> {
                    TestScheduler scheduler = self[0];
                    if (scheduler != null) {
                        scheduler.closedBecause = cause.map(Throwable::toString).orElse("closed by the test");
                    }
                }, Duration.ofSeconds(10));
        TestScheduler scheduler = new TestScheduler(client);
        self[0] = scheduler;
        early.forEach(scheduler::onEvent);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.frameworkId().isPresent());
        return scheduler;
    }

    private void onEvent(Event event) {
        events.add(event);
        switch (event.getType()) {
            case OFFERS -> {
                offerTimes.add(Instant.now());
                event.getOffers().getOffersList().forEach(o -> held.add(o.getId().getValue()));
                offers.addAll(event.getOffers().getOffersList());
            }
            case RESCIND -> {
                held.remove(event.getRescind().getOfferId().getValue());
                offers.removeIf(o -> o.getId().equals(event.getRescind().getOfferId()));
            }
            case UPDATE -> {
                TaskStatus status = event.getUpdate().getStatus();
                updates.add(status);
                if (status.hasUuid()) {
                    client.callAsync(Call.newBuilder()
                            .setType(Call.Type.ACKNOWLEDGE)
                            .setAcknowledge(Call.Acknowledge.newBuilder()
                                    .setAgentId(status.getAgentId()).setTaskId(status.getTaskId())
                                    .setUuid(status.getUuid()))
                            .build());
                }
            }
            default -> { }
        }
    }

    SchedulerClient client() {
        return client;
    }

    String frameworkId() {
        return client.frameworkId().orElseThrow().getValue();
    }

    Offer awaitOffer(Duration timeout) throws InterruptedException {
        Offer offer = offers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (offer == null) {
            // offers never time out by default: what this framework holds is not offered again
            throw new AssertionError("no offer within " + timeout + "; events: " + eventTypes()
                    + "; offers held (neither declined nor accepted): " + held
                    + (closedBecause == null ? "" : "; stream ended: " + closedBecause));
        }
        return offer;
    }

    Optional<Offer> pollOffer(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(offers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Offers not yet taken by {@link #awaitOffer}. */
    BlockingQueue<Offer> offers() {
        return offers;
    }

    List<Instant> offerTimes() {
        return offerTimes;
    }

    /** Waits for {@code taskId} to reach {@code state} and returns that update. */
    TaskStatus awaitState(String taskId, TaskState state, Duration timeout) {
        await().atMost(timeout).until(() -> find(taskId, state).isPresent());
        return find(taskId, state).orElseThrow();
    }

    Optional<TaskStatus> find(String taskId, TaskState state) {
        return updates.stream()
                .filter(s -> s.getTaskId().getValue().equals(taskId) && s.getState() == state)
                .findFirst();
    }

    List<TaskState> states(String taskId) {
        return updates.stream().filter(s -> s.getTaskId().getValue().equals(taskId))
                .map(TaskStatus::getState).collect(Collectors.toList());
    }

    int launch(Offer offer, List<TaskInfo> tasks) throws Exception {
        List<Offer.Operation> ops = new ArrayList<>();
        ops.add(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks)).build());
        held.remove(offer.getId().getValue());
        Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).addAllOperations(ops)
                .setFilters(Filters.newBuilder().setRefuseSeconds(0))).build();
        HttpResponse<String> response = client.callAsync(accept).get();
        if (response.statusCode() != 202) {
            // kept for the failure message: a refused ACCEPT says why only in its body
            lastRefusal = response.statusCode() + " " + response.body() + "; events: " + eventTypes()
                    + (closedBecause == null ? "" : "; stream ended: " + closedBecause);
        }
        return response.statusCode();
    }

    /** Status, reason and event history of the last ACCEPT this scheduler had refused, or null. */
    String lastRefusal() {
        return lastRefusal;
    }

    int decline(Offer offer, double refuseSeconds) throws Exception {
        held.remove(offer.getId().getValue());
        return client.decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(refuseSeconds).build());
    }

    static TaskInfo shellTask(String id, AgentID agent, String command, double cpus, double mem) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(agent)
                .addResources(scalar("cpus", cpus)).addResources(scalar("mem", mem))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
                .build();
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    /** Every event received so far, oldest first. */
    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event.Type> eventTypes() {
        return events.stream().map(Event::getType).collect(Collectors.toList());
    }

    @Override
    public void close() throws Exception {
        try {
            if (client.isOpen()) {
                client.teardown();
            }
        } finally {
            client.close();
        }
    }
}
