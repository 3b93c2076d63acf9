package io.mezzo.itests;

import io.mezzo.api.client.SchedulerClient;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.Filters;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.OfferID;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.TaskState;
import io.mezzo.api.v1.Protos.TaskStatus;
import io.mezzo.api.v1.Protos.Value;
import io.mezzo.api.v1.scheduler.Protos.Call;
import io.mezzo.api.v1.scheduler.Protos.Event;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A framework on the real scheduler API ({@link SchedulerClient}) that keeps each OFFERS event
 * whole (which offers came together is what a policy decides), the offers it holds, every offer id
 * it was ever sent, and every status update (acknowledged when it carries a uuid).
 */
final class RecordingFramework implements AutoCloseable {
    private final SchedulerClient client;
    private final BlockingQueue<List<Offer>> offerEvents = new LinkedBlockingQueue<>();
    private final Map<String, Offer> held = new ConcurrentHashMap<>();
    private final List<String> offerIdsSeen = new CopyOnWriteArrayList<>();
    private final List<String> rescinded = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();

    private RecordingFramework(SchedulerClient client) {
        this.client = client;
    }

    static RecordingFramework subscribe(URI master, String name) throws Exception {
        RecordingFramework[] self = new RecordingFramework[1];
        BlockingQueue<Event> early = new LinkedBlockingQueue<>();
        SchedulerClient client = SchedulerClient.subscribe(SchedulerClient.newHttpClient(Duration.ofSeconds(5)),
                master, FrameworkInfo.newBuilder().setUser("root").setName(name).addRoles("*").build(),
                event -> {
                    synchronized (early) {
                        if (self[0] == null) {
                            early.add(event);
                            return;
                        }
                    }
                    self[0].onEvent(event);
                }, cause -> { }, Duration.ofSeconds(10));
        RecordingFramework framework = new RecordingFramework(client);
        synchronized (early) {
            early.forEach(framework::onEvent);
            self[0] = framework;
        }
        return framework;
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case OFFERS -> {
                List<Offer> offers = event.getOffers().getOffersList();
                offers.forEach(o -> {
                    held.put(o.getId().getValue(), o);
                    offerIdsSeen.add(o.getId().getValue());
                });
                offerEvents.add(offers);
            }
            case RESCIND -> {
                held.remove(event.getRescind().getOfferId().getValue());
                rescinded.add(event.getRescind().getOfferId().getValue());
            }
            case UPDATE -> {
                TaskStatus status = event.getUpdate().getStatus();
                updates.add(status);
                if (status.hasUuid()) {
                    client.callAsync(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
                            .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
                                    .setTaskId(status.getTaskId()).setUuid(status.getUuid()))
                            .build());
                }
            }
            default -> { }
        }
    }

    String id() {
        return client.frameworkId().orElseThrow().getValue();
    }

    /** The next OFFERS event's offers. */
    List<Offer> nextOffers(Duration timeout) throws InterruptedException {
        List<Offer> offers = offerEvents.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (offers == null) {
            throw new AssertionError("no OFFERS event within " + timeout + "; offers held: " + held.keySet());
        }
        return offers;
    }

    /** OFFERS events received but not yet taken by {@link #nextOffers}. */
    int pendingOfferEvents() {
        return offerEvents.size();
    }

    /** Ids of the offers received and not yet declined, accepted or rescinded. */
    Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** Declines every offer held. */
    void declineAll(double refuseSeconds) throws Exception {
        decline(List.copyOf(held.values()), refuseSeconds);
    }

    List<String> offerIdsSeen() {
        return List.copyOf(offerIdsSeen);
    }

    List<String> rescinded() {
        return List.copyOf(rescinded);
    }

    List<TaskState> states(String taskId) {
        return updates.stream().filter(s -> s.getTaskId().getValue().equals(taskId)).map(TaskStatus::getState)
                .toList();
    }

    /** Launches {@code tasks} on the offer; what they leave is refused for {@code refuseSeconds}. */
    void launch(Offer offer, List<TaskInfo> tasks, double refuseSeconds) throws Exception {
        held.remove(offer.getId().getValue());
        expectAccepted(client.accept(List.of(offer.getId()), List.of(Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks)).build()),
                Filters.newBuilder().setRefuseSeconds(refuseSeconds).build()));
    }

    void decline(List<Offer> offers, double refuseSeconds) throws Exception {
        List<OfferID> ids = offers.stream().map(Offer::getId).toList();
        ids.forEach(id -> held.remove(id.getValue()));
        expectAccepted(client.decline(ids, Filters.newBuilder().setRefuseSeconds(refuseSeconds).build()));
    }

    void revive() throws Exception {
        expectAccepted(client.revive());
    }

    void suppress() throws Exception {
        expectAccepted(client.suppress());
    }

    void kill(String taskId) throws Exception {
        expectAccepted(client.kill(TaskID.newBuilder().setValue(taskId).build(), java.util.Optional.empty()));
    }

    static TaskInfo sleeper(String id, Offer offer, double cpus, double mem) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(offer.getAgentId())
                .addResources(scalar("cpus", cpus)).addResources(scalar("mem", mem))
                .setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 300"))
                .build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static void expectAccepted(int status) {
        if (status != 202) {
            throw new AssertionError("the master answered " + status + " instead of 202");
        }
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
