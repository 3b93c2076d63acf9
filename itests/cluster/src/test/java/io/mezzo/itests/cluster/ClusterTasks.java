package io.mezzo.itests.cluster;

import static org.awaitility.Awaitility.await;

import io.mezzo.api.v1.Protos.FrameworkID;
import io.mezzo.api.v1.Protos.FrameworkInfo;
import io.mezzo.api.v1.Protos.Offer;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.itests.harness.MezzoNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Helpers the multi-process fault tests share: finding the leader, launching many tasks, cleaning up. */
final class ClusterTasks {
    private ClusterTasks() {
    }

    /** The master whose port {@code /master/redirect} of {@code any} points at, if a leader is known. */
    static Optional<MezzoNode> leader(List<MezzoNode> masters) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (MezzoNode m : masters) {
            if (!m.isAlive()) {
                continue;
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(m.baseUri().resolve("/master/redirect"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                Optional<String> location = r.headers().firstValue("Location");
                if (r.statusCode() == 307 && location.isPresent()) {
                    int port = URI.create("http:" + location.get()).getPort();
                    return masters.stream().filter(n -> n.httpPort() == port && n.isAlive()).findFirst();
                }
            } catch (IOException e) {
                // this master does not answer (yet); ask the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    static MezzoNode awaitLeader(List<MezzoNode> masters, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> leader(masters),
                Optional::isPresent).orElseThrow();
    }

    /** Launches {@code count} copies of {@code command}, one offer after the other; returns their ids. */
    static List<String> launch(TestScheduler scheduler, String prefix, int count, String command, double cpus,
            double mem) throws Exception {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            Offer offer = scheduler.awaitOffer(Duration.ofSeconds(60));
            double offeredCpus = offer.getResourcesList().stream().filter(r -> r.getName().equals("cpus"))
                    .mapToDouble(r -> r.getScalar().getValue()).sum();
            double offeredMem = offer.getResourcesList().stream().filter(r -> r.getName().equals("mem"))
                    .mapToDouble(r -> r.getScalar().getValue()).sum();
            int fit = (int) Math.min(Math.floor(offeredCpus / cpus + 1e-9), Math.floor(offeredMem / mem + 1e-9));
            List<TaskInfo> tasks = new ArrayList<>();
            for (int i = 0; i < fit && ids.size() + tasks.size() < count; i++) {
                String id = prefix + "-" + (ids.size() + tasks.size());
                tasks.add(TestScheduler.shellTask(id, offer.getAgentId(), command, cpus, mem));
            }
            if (tasks.isEmpty()) {
                scheduler.decline(offer, 0);
                continue;
            }
            if (scheduler.launch(offer, tasks) != 202) {
                throw new AssertionError("ACCEPT refused: " + scheduler.lastRefusal());
            }
            tasks.forEach(t -> ids.add(t.getTaskId().getValue()));
        }
        return ids;
    }

    /**
     * Makes a framework that launched all it wants give its resources back: SUPPRESS, then decline
     * the offers already on their way. Without it an outstanding offer (offers never time out by
     * default) keeps another framework from getting anything.
     */
    static void releaseOffers(TestScheduler scheduler) throws Exception {
        scheduler.client().suppress();
        Optional<Offer> offer;
        while ((offer = scheduler.pollOffer(Duration.ofSeconds(5))).isPresent()) {
            scheduler.decline(offer.get(), 3600);
        }
    }

    /** The framework re-subscribing with its id, as a scheduler does after it lost its master. */
    static FrameworkInfo withId(FrameworkInfo info, String frameworkId) {
        return info.toBuilder().setId(FrameworkID.newBuilder().setValue(frameworkId)).build();
    }

    /**
     * Tries every master in turn until one (or its leader through 307) accepts the SUBSCRIBE, as a
     * scheduler does while no master leads.
     */
    static TestScheduler resubscribe(List<MezzoNode> masters, FrameworkInfo info, Duration timeout) {
        TestScheduler[] result = new TestScheduler[1];
        int[] attempt = {0};
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO).until(() -> {
            MezzoNode target = masters.get(attempt[0]++ % masters.size());
            try {
                result[0] = TestScheduler.subscribe(target.baseUri(), info);
                return true;
            } catch (Exception e) {
                // 503 (no leader yet) or a stream that closed at once: try the next master
                return false;
            }
        });
        return result[0];
    }

    /**
     * Waits until every task sandbox under {@code workDir} has an exit status: the test's tasks are
     * real processes that outlive the agents, so a test must not end while they run.
     */
    static void awaitAllTasksEnded(Path workDir, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> runningSandboxes(workDir).isEmpty());
    }

    /**
     * Whether the task's wrapper (pid in the executor's checkpoint) still runs. Needed besides the
     * exit status because a killed task's wrapper can be SIGKILLed between writing
     * {@code exit_status.tmp} and renaming it (seen on a loaded machine).
     */
    private static boolean wrapperAlive(Path sandbox) {
        Path checkpoint = sandbox.resolve(".mezzo").resolve("task.checkpoint");
        if (!Files.exists(checkpoint)) {
            return true; // not started yet
        }
        try {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(checkpoint)) {
                p.load(in);
            }
            String pid = p.getProperty("pid");
            return pid == null || ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> runningSandboxes(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            return files.filter(p -> p.getFileName().toString().equals("stdout"))
                    .map(Path::getParent)
                    .filter(sandbox -> !Files.exists(sandbox.resolve(".mezzo").resolve("exit_status")))
                    .filter(ClusterTasks::wrapperAlive)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
