package io.mezzo.shell.command;

import io.mezzo.api.client.ApiException;
import io.mezzo.api.client.SchedulerClient;
import io.mezzo.api.node.AgentSnapshot;
import io.mezzo.shell.internal.Leadership;
import io.mezzo.shell.internal.OutputTail;
import io.mezzo.shell.internal.Sandboxes;
import io.mezzo.shell.internal.ShellFailure;
import io.mezzo.shell.internal.exec.ClientSchedulerCalls;
import io.mezzo.shell.internal.exec.ExecDriver;
import io.mezzo.shell.internal.exec.ExecOutcome;
import io.mezzo.shell.internal.exec.ExecRun;
import io.mezzo.shell.internal.exec.ExecSignal;
import io.mezzo.shell.internal.exec.ExecSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Like mesos-execute: subscribes a one-off framework through the real scheduler API, launches the
 * command as one task on the first offer that fits, prints each state change and then the task's
 * stdout (when it ran on this node's agent), tears the framework down and fails unless the task
 * FINISHED.
 */
@Command(scope = "mezzo", name = "exec", description = "Runs a shell command as a task through the scheduler API and shows its output.")
@Service
public class ExecCommand extends MezzoAction {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    @Argument(index = 0, name = "command", description = "The shell command (quote it: \"echo hi\")", required = true)
    String command;

    @Option(name = "--cpus", description = "CPUs for the task")
    double cpus = 0.1;

    @Option(name = "--mem", description = "Memory for the task, in MB")
    double mem = 32;

    @Option(name = "--name", description = "The task's name and id")
    String name = "mezzo-exec";

    @Option(name = "--timeout", description = "Seconds to wait for an offer and for the task to end")
    long timeoutSeconds = 60;

    @Option(name = "--master", description = "The master's URL (http://host:port); default: the leader this node knows")
    String masterUrl;

    @Override
    protected void run() throws Exception {
        ExecSpec spec = new ExecSpec(command, cpus, mem, name, Duration.ofSeconds(timeoutSeconds));
        URI target = target();
        BlockingQueue<ExecSignal> signals = new LinkedBlockingQueue<>();
        SchedulerClient client = subscribe(spec, target, signals);
        ExecRun run = new ExecRun(spec);
        ExecOutcome outcome;
        try {
            outcome = new ExecDriver(run, new ClientSchedulerCalls(client), console()::println, Clock.systemUTC())
                    .drive(signals, spec.timeout());
            printOutput(outcome, spec, "stdout");
            if (!outcome.succeeded()) {
                printOutput(outcome, spec, "stderr");
            }
        } catch (InterruptedException e) {
            teardown(client, run.frameworkId());
            Thread.currentThread().interrupt();
            throw new ShellFailure("Interrupted; framework " + run.frameworkId().orElse("(not subscribed yet)")
                    + " torn down" + run.lastState().map(s -> " (task was " + s + ")").orElse(""));
        } catch (IOException e) {
            teardown(client, run.frameworkId());
            throw new ShellFailure("Exec failed: " + e.getMessage(), e);
        }
        teardown(client, run.frameworkId());
        if (!outcome.succeeded()) {
            throw new ShellFailure(outcome.summary());
        }
    }

    private URI target() {
        if (masterUrl != null) {
            try {
                return URI.create(masterUrl.contains("://") ? masterUrl : "http://" + masterUrl);
            } catch (IllegalArgumentException e) {
                throw new ShellFailure("--master is not a URL: " + masterUrl, e);
            }
        }
        return Leadership.leaderUrl(Leadership.requireMaster(master)).orElseThrow(() -> new ShellFailure(
                "No leading master is known yet; wait for the election or give --master http://host:port"));
    }

    private SchedulerClient subscribe(ExecSpec spec, URI target, BlockingQueue<ExecSignal> signals)
            throws InterruptedException {
        HttpClient http = SchedulerClient.newHttpClient(HTTP_TIMEOUT);
        try {
            return SchedulerClient.subscribe(http, target, spec.framework(System.getProperty("user.name", "root")),
                    event -> signals.add(new ExecSignal.Received(event)),
                    cause -> signals.add(new ExecSignal.Closed(cause)), HTTP_TIMEOUT);
        } catch (ApiException e) {
            throw new ShellFailure("The master at " + target + " refused the subscription: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ShellFailure("Cannot reach the master at " + target + ": " + e, e);
        }
    }

    /** A file of the task's sandbox, if the task ran on this node's agent (else where to find it). */
    private void printOutput(ExecOutcome outcome, ExecSpec spec, String file) throws IOException {
        if (outcome.agentId().isEmpty() || outcome.frameworkId().isEmpty()) {
            return;
        }
        String agentId = outcome.agentId().get();
        Optional<AgentSnapshot> local = Optional.ofNullable(agent).map(a -> a.snapshot())
                .filter(s -> s.agentId().equals(Optional.of(agentId)));
        if (local.isEmpty()) {
            console().println("(the task's " + file + " is in its sandbox on agent " + agentId
                    + "; this node does not run that agent)");
            return;
        }
        Optional<Path> sandbox = new Sandboxes(local.get().workDir())
                .latestRun(agentId, outcome.frameworkId().get(), spec.name());
        if (sandbox.isEmpty()) {
            console().println("(no sandbox found for task " + spec.name() + " on this node)");
            return;
        }
        if (file.equals("stderr")) {
            console().println("--- stderr ---");
        }
        new OutputTail(sandbox.get().resolve(file)).copyNew(console());
    }

    /** Best effort: a framework we fail to tear down goes away anyway when its stream closes (failover timeout 0). */
    private void teardown(SchedulerClient client, Optional<String> frameworkId) {
        try {
            if (frameworkId.isPresent()) {
                int status = client.teardown();
                if (status != 202) {
                    console().println("TEARDOWN of framework " + frameworkId.get() + " answered HTTP " + status
                            + "; it goes away when the connection closes");
                }
            }
        } catch (IOException e) {
            console().println("TEARDOWN of framework " + frameworkId.get() + " failed (" + e.getMessage()
                    + "); it goes away when the connection closes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console().println("TEARDOWN interrupted; the framework goes away when the connection closes");
        } finally {
            client.close();
        }
    }
}
