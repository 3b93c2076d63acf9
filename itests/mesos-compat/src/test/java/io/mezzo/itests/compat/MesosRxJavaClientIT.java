package io.mezzo.itests.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mesosphere.mesos.rx.java.AwaitableSubscription;
import com.mesosphere.mesos.rx.java.SinkOperation;
import com.mesosphere.mesos.rx.java.SinkOperations;
import com.mesosphere.mesos.rx.java.protobuf.ProtobufMesosClientBuilder;
import com.mesosphere.mesos.rx.java.protobuf.SchedulerCalls;
import io.mezzo.itests.harness.MezzoNode;
import io.mezzo.itests.harness.SingleNode;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rx.Observable;

/**
 * mesos-rxjava (Mesosphere's Mesos v1 HTTP client, protobuf flavour, compiled against Apache Mesos'
 * own protos) subscribes to Mezzo through {@code /redirect}, receives offers and runs a task.
 */
class MesosRxJavaClientIT {
    private static MezzoNode node;

    @BeforeAll
    static void startNode() {
        node = SingleNode.start("mesos-rxjava");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void subscribesReceivesOffersAndLaunchesATask() {
        FrameworkID frameworkId = FrameworkID.newBuilder().setValue("rx-" + UUID.randomUUID()).build();
        Call subscribe = SchedulerCalls.subscribe(frameworkId, FrameworkInfo.newBuilder()
                .setId(frameworkId).setUser("root").setName("mesos-rxjava").setFailoverTimeout(0).build());
        List<Event.Type> seen = new CopyOnWriteArrayList<>();
        List<TaskState> states = new CopyOnWriteArrayList<>();
        AtomicBoolean launched = new AtomicBoolean();

        AwaitableSubscription subscription = ProtobufMesosClientBuilder.schedulerUsingProtos()
                .mesosUri(URI.create(node.baseUri() + "/api/v1/scheduler"))
                .applicationUserAgentEntry(c -> new com.mesosphere.mesos.rx.java.util.UserAgentEntry("mezzo-itest", "1"))
                .subscribe(subscribe)
                .processStream(events -> events.doOnNext(e -> seen.add(e.getType()))
                        .flatMap(event -> respond(event, frameworkId, launched, states)))
                .build()
                .openStream();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> states.contains(TaskState.TASK_FINISHED));
            assertThat(seen).contains(Event.Type.SUBSCRIBED, Event.Type.OFFERS, Event.Type.UPDATE);
            assertThat(states).containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
            assertThat(SingleNode.sandboxFile(node, "rx-task", "stdout")).hasValueSatisfying(stdout ->
                    assertThat(read(stdout)).contains("hello from mesos-rxjava"));
        } finally {
            subscription.unsubscribe();
        }
    }

    private static Observable<Optional<SinkOperation<Call>>> respond(Event event, FrameworkID frameworkId,
            AtomicBoolean launched, List<TaskState> states) {
        switch (event.getType()) {
            case OFFERS: {
                List<Optional<SinkOperation<Call>>> calls = new java.util.ArrayList<>();
                for (Offer offer : event.getOffers().getOffersList()) {
                    Call call = launched.compareAndSet(false, true)
                            ? launch(frameworkId, offer)
                            : SchedulerCalls.decline(frameworkId, List.of(offer.getId()));
                    calls.add(Optional.of(SinkOperations.create(call)));
                }
                return Observable.from(calls);
            }
            case UPDATE: {
                TaskStatus status = event.getUpdate().getStatus();
                states.add(status.getState());
                if (!status.hasUuid()) {
                    return Observable.just(Optional.empty());
                }
                return Observable.just(Optional.of(SinkOperations.create(SchedulerCalls.ackUpdate(
                        frameworkId, status.getUuid(), status.getAgentId(), status.getTaskId()))));
            }
            default:
                return Observable.just(Optional.empty());
        }
    }

    private static Call launch(FrameworkID frameworkId, Offer offer) {
        TaskInfo task = TaskInfo.newBuilder().setName("rx-task").setTaskId(TaskID.newBuilder().setValue("rx-task"))
                .setAgentId(offer.getAgentId())
                .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 32))
                .setCommand(CommandInfo.newBuilder().setValue("echo hello from mesos-rxjava"))
                .build();
        return Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))))
                .build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setRole("*").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static String read(java.nio.file.Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
