package io.mezzo.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mezzo.api.resources.Resources;
import io.mezzo.api.v1.Protos.AgentID;
import io.mezzo.api.v1.Protos.CommandInfo;
import io.mezzo.api.v1.Protos.DurationInfo;
import io.mezzo.api.v1.Protos.ExecutorID;
import io.mezzo.api.v1.Protos.ExecutorInfo;
import io.mezzo.api.v1.Protos.KillPolicy;
import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.TaskID;
import io.mezzo.api.v1.Protos.TaskInfo;
import io.mezzo.api.v1.Protos.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchValidatorTest {
    private static final AgentID AGENT = AgentID.newBuilder().setValue("S1").build();
    private static final Resources OFFERED = Resources.parse("cpus:2;mem:1024;ports:[31000-31009]");

    @Test
    void acceptsTasksThatFitAndChargesEachAgainstTheOffer() {
        TaskInfo a = task("a", "cpus:1;mem:512;ports:[31000-31000]");
        TaskInfo b = task("b", "cpus:1;mem:512");

        LaunchValidator.LaunchCheck check = LaunchValidator.validate(List.of(a, b), AGENT, OFFERED, Set.of());

        assertThat(check.accepted()).containsExactly(a, b);
        assertThat(check.rejected()).isEmpty();
        assertThat(check.remaining()).isEqualTo(Resources.parse("ports:[31001-31009]"));
    }

    @Test
    void rejectsTaskThatNoLongerFitsAfterEarlierOnes() {
        TaskInfo big = task("big", "cpus:1.5");
        TaskInfo tooMuch = task("late", "cpus:1");

        LaunchValidator.LaunchCheck check = LaunchValidator.validate(List.of(big, tooMuch), AGENT, OFFERED, Set.of());

        assertThat(check.accepted()).containsExactly(big);
        assertThat(check.rejected()).singleElement().satisfies(r -> {
            assertThat(r.task()).isEqualTo(tooMuch);
            // cpus left: 2 - 1.5 = 0.5
            assertThat(r.reason()).isEqualTo("Total resources cpus:1 required by task and its executor is more than "
                    + "available cpus:0.5;mem:1024;ports:[31000-31009]");
        });
    }

    @Test
    void rejectsDuplicateIdsWithinTheCallAndAgainstLiveTasks() {
        LaunchValidator.LaunchCheck check = LaunchValidator.validate(
                List.of(task("a", "cpus:0.1"), task("a", "cpus:0.1"), task("running", "cpus:0.1")),
                AGENT, OFFERED, Set.of("running"));

        assertThat(check.accepted()).extracting(t -> t.getTaskId().getValue()).containsExactly("a");
        assertThat(check.rejected()).extracting(LaunchValidator.Rejection::reason)
                .containsExactly("Task has duplicate ID: a", "Task has duplicate ID: running");
    }

    @Test
    void asksWhetherAnIdIsKnownInsteadOfCopyingTheIds() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        LaunchValidator.LaunchCheck check = LaunchValidator.validate(
                List.of(task("a", "cpus:0.1"), task("a", "cpus:0.1"), task("running", "cpus:0.1")),
                AGENT, OFFERED, id -> {
                    asked.add(id);
                    return id.equals("running");
                });

        assertThat(check.accepted()).extracting(t -> t.getTaskId().getValue()).containsExactly("a");
        assertThat(check.rejected()).extracting(LaunchValidator.Rejection::reason)
                .containsExactly("Task has duplicate ID: a", "Task has duplicate ID: running");
        // the second "a" is caught by the ids claimed in this call, before the framework's are asked
        assertThat(asked).containsExactly("a", "running");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Task has an invalid TaskID: ID must not be empty",
        "..|Task has an invalid TaskID: '..' is disallowed",
        "a/b|Task has an invalid TaskID: 'a/b' contains invalid characters",
    })
    void rejectsInvalidTaskIds(String id, String reason) {
        assertThat(TaskValidator.validate(task(id, "cpus:1"), AGENT, OFFERED, Set.of())).contains(reason);
    }

    @Test
    void rejectsTaskForAnotherAgent() {
        TaskInfo elsewhere = task("t", "cpus:1").toBuilder().setAgentId(AgentID.newBuilder().setValue("S2")).build();

        assertThat(TaskValidator.validate(elsewhere, AGENT, OFFERED, Set.of()))
                .contains("Task uses invalid agent S2 while agent S1 is expected");
    }

    @Test
    void rejectsTaskWithoutOrWithInvalidResources() {
        TaskInfo none = task("t", "cpus:1").toBuilder().clearResources().build();
        TaskInfo negative = none.toBuilder().addResources(Resource.newBuilder().setName("cpus")
                .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(-1))).build();

        assertThat(TaskValidator.validate(none, AGENT, OFFERED, Set.of())).contains("Task uses no resources");
        assertThat(TaskValidator.validate(negative, AGENT, OFFERED, Set.of())).contains(
                "Task uses invalid resources: Invalid resource 'cpus': scalar value must not be negative, got -1.0");
    }

    @Test
    void requiresExactlyOneOfCommandAndExecutor() {
        TaskInfo neither = task("t", "cpus:1").toBuilder().clearCommand().build();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e"))
                .setCommand(CommandInfo.newBuilder().setValue("exec")).build();
        TaskInfo both = task("t", "cpus:1").toBuilder().setExecutor(executor).build();
        TaskInfo withExecutor = neither.toBuilder().setExecutor(executor.toBuilder()
                .addAllResources(Resources.parse("mem:32").toProtos())).build();

        String reason = "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        assertThat(TaskValidator.validate(neither, AGENT, OFFERED, Set.of())).contains(reason);
        assertThat(TaskValidator.validate(both, AGENT, OFFERED, Set.of())).contains(reason);
        assertThat(TaskValidator.validate(withExecutor, AGENT, OFFERED, Set.of())).isEmpty();
        assertThat(TaskValidator.required(withExecutor)).isEqualTo(Resources.parse("cpus:1;mem:32"));
    }

    @Test
    void rejectsNegativeKillGracePeriod() {
        TaskInfo task = task("t", "cpus:1").toBuilder().setKillPolicy(KillPolicy.newBuilder()
                .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(-1))).build();

        assertThat(TaskValidator.validate(task, AGENT, OFFERED, Set.of()))
                .contains("Task's 'kill_policy.grace_period' must be non-negative");
    }

    @Test
    void reservedResourcesMustComeFromTheSameRole() {
        Resources offered = Resources.parse("cpus(web):1;cpus:1");

        assertThat(TaskValidator.validate(task("t", "cpus(web):1"), AGENT, offered, Set.of())).isEmpty();
        assertThat(TaskValidator.validate(task("t", "cpus(db):1"), AGENT, offered, Set.of())).isPresent();
        assertThat(TaskValidator.validate(task("t", "cpus:2"), AGENT, offered, Set.of())).isPresent();
    }

    private static TaskInfo task(String id, String resources) {
        return TaskInfo.newBuilder().setName("task " + id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AGENT).addAllResources(Resources.parse(resources).toProtos())
                .setCommand(CommandInfo.newBuilder().setValue("sleep 10")).build();
    }
}
