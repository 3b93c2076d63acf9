package io.mezzo.bench.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the leading master is, for simulated agents that follow a failover. It asks every
 * configured master's {@code GET /master/redirect} (307 with {@code Location: //host:port} names
 * the leader; 503: none known) every {@code interval} until one names a leader.
 *
 * <p>One search serves every agent waiting, as one ZooKeeper change reaches every real agent's
 * detector at about the same moment; 1,000 agents each polling (or retrying SUBSCRIBE against a
 * standby) would add load that real agents do not cause. A master whose stream just broke is
 * suspect: a standby still names it until its ZooKeeper session expires, so an answer naming it
 * counts only when it comes from that master itself (it is alive and leads again).
 */
public final class LeaderFinder {
    private final List<URI> masters;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private CompletableFuture<URI> leader; // guarded by this; null: nobody is looking
    private URI suspect; // guarded by this

    public LeaderFinder(List<URI> masters, HttpClient http, ScheduledExecutorService timer, Duration interval) {
        this.masters = List.copyOf(masters);
        this.http = http;
        this.timer = timer;
        this.interval = interval;
    }

    /** The leader: at once if known, else once a master names one. */
    public synchronized CompletableFuture<URI> leader() {
        if (leader == null) {
            CompletableFuture<URI> search = new CompletableFuture<>();
            leader = search;
            timer.execute(() -> ask(search));
        }
        return leader;
    }

    /** A stream to {@code master} broke (or it refused us): unless another leader is known already, look again. */
    public synchronized void lost(URI master) {
        URI base = base(master);
        if (leader != null && leader.isDone() && !leader.isCompletedExceptionally() && leader.join().equals(base)) {
            leader = null;
            suspect = base;
        }
    }

    private void ask(CompletableFuture<URI> search) {
        if (search.isDone()) {
            return;
        }
        List<CompletableFuture<Optional<URI>>> answers = masters.stream().map(this::named).toList();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            Optional<URI> found = answers.stream().map(a -> a.getNow(Optional.empty())).flatMap(Optional::stream)
                    .findFirst();
            if (found.isPresent()) {
                search.complete(found.get());
            } else if (!timer.isShutdown()) {
                timer.schedule(() -> ask(search), interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The leader {@code master} names, if it answers and the answer is credible. */
    private CompletableFuture<Optional<URI>> named(URI master) {
        HttpRequest request = HttpRequest.newBuilder(master.resolve("/master/redirect")).timeout(Duration.ofSeconds(2))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null || response.statusCode() != 307) {
                return Optional.empty();
            }
            return response.headers().firstValue("Location").map(l -> base(master.resolve(URI.create(l))))
                    .filter(named -> credible(named, master));
        });
    }

    private synchronized boolean credible(URI named, URI answeredBy) {
        return !named.equals(suspect) || named.equals(base(answeredBy));
    }

    private static URI base(URI uri) {
        return URI.create("http://" + uri.getHost() + ":" + uri.getPort());
    }
}
