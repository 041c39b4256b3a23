package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollout's view of a service and its tasks: docker's progress lines, convergence, a failed update named. */
class RolloutTest {
  static JsonNode json(String s) {
    return Swarm.json(s.replace('\'', '"'));
  }

  static JsonNode service(int replicas, String image, String update) {
    return json("{'ID':'s1','Spec':{'Name':'web','Mode':{'Replicated':{'Replicas':" + replicas + "}},"
        + "'TaskTemplate':{'ContainerSpec':{'Image':'" + image + "'}}}" + (update == null ? "" : ",'UpdateStatus':" + update) + "}");
  }

  static JsonNode task(String id, int slot, String image, String desired, String state, String err, String created) {
    return json("{'ID':'" + id + "','Slot':" + slot + ",'DesiredState':'" + desired + "','Meta':{'CreatedAt':'" + created + "'},"
        + "'Spec':{'ContainerSpec':{'Image':'" + image + "'}},'Status':{'State':'" + state + "','Err':'" + err + "'}}");
  }

  @Test
  void progressCountsRunningTasksOfTheCurrentSpecPerSlot() {
    Rollout.Look look = Rollout.look(service(2, "b:2", "{'State':'updating'}"), List.of(
        task("t1", 1, "b:2", "running", "running", "", "2026-11-30T10:00:02Z"),
        task("t0", 1, "b:1", "shutdown", "shutdown", "", "2026-11-30T10:00:00Z"),
        task("t2", 2, "b:2", "running", "preparing", "", "2026-11-30T10:00:03Z")), false);
    assertThat(look.lines()).containsExactly(
        "overall progress: 1 out of 2 tasks",
        "1/2: running   [==================================================>]",
        "2/2: preparing [=================================>                 ]");
    assertThat(look.converged()).isFalse();
    assertThat(look.failure()).isNull();
  }

  @Test
  void convergedWhenEverySlotRunsTheSpecAndTheUpdateCompleted() {
    List<JsonNode> tasks = List.of(task("t1", 1, "b:2", "running", "running", "", "2026-11-30T10:00:02Z"));
    assertThat(Rollout.look(service(1, "b:2", "{'State':'completed'}"), tasks, false).converged()).isTrue();
    assertThat(Rollout.look(service(1, "b:2", "{'State':'updating'}"), tasks, false).converged()).isFalse();
    assertThat(Rollout.look(service(1, "b:3", null), tasks, false).converged()).isFalse(); // the old image still runs
  }

  @Test
  void aPausedUpdateNamesTheFailedTaskAndItsError() {
    Rollout.Look look = Rollout.look(service(2, "b:9", "{'State':'paused','Message':'update paused due to failure or early termination of task t3'}"),
        List.of(task("t1", 1, "b:1", "running", "running", "", "2026-11-30T10:00:00Z"),
            task("t3", 2, "b:9", "shutdown", "rejected", "No such image: b:9", "2026-11-30T10:00:05Z")), false);
    assertThat(look.failure()).isEqualTo("update of service web paused: update paused due to failure or early termination of "
        + "task t3; task web.2 (t3) failed: No such image: b:9");
    assertThat(look.converged()).isFalse();
  }

  @Test
  void aTaskThatCannotStartShowsItsErrorInItsSlot() {
    Rollout.Look look = Rollout.look(service(1, "b:9", null),
        List.of(task("t3", 1, "b:9", "running", "rejected", "No such image: b:9", "2026-11-30T10:00:05Z")), false);
    assertThat(look.lines()).containsExactly("overall progress: 0 out of 1 tasks", "1/1: No such image: b:9");
  }

  @Test
  void aRollbackSaysSo() {
    Rollout.Look look = Rollout.look(service(1, "b:1", "{'State':'rollback_completed'}"),
        List.of(task("t1", 1, "b:1", "running", "running", "", "2026-11-30T10:00:00Z")), true);
    assertThat(look.lines()).containsExactly("rollback: manually requested rollback",
        "overall progress: rolling back update: 1 out of 1 tasks",
        "1/1: running   [==================================================>]");
    assertThat(look.converged()).isTrue();
  }

  @Test
  void slotsAndTheOverallLineAreKeyedSoAViewRewritesThemInPlace() {
    assertThat(Rollout.progress("overall progress: 1 out of 2 tasks"))
        .isEqualTo(new io.berth.core.result.Progress.Layer("overall progress", "1 out of 2 tasks", null, null));
    assertThat(Rollout.progress("2/4: running   [=>]")).isEqualTo(new io.berth.core.result.Progress.Layer("2/4", "running   [=>]", null, null));
    assertThat(Rollout.progress("rollback: manually requested rollback"))
        .isEqualTo(new io.berth.core.result.Progress.Line("rollback: manually requested rollback"));
  }

  static JsonNode globalTask(String id, String node, String image, String desired, String state, String created) {
    return json("{'ID':'" + id + "','NodeID':'" + node + "','DesiredState':'" + desired + "','Meta':{'CreatedAt':'" + created
        + "'},'Spec':{'ContainerSpec':{'Image':'" + image + "'}},'Status':{'State':'" + state + "','Err':''}}");
  }

  @Test
  void aGlobalServiceShowsOneLinePerNodeAndConvergesWhenEveryNodeRunsTheSpec() {
    JsonNode global = json("{'ID':'s2','Spec':{'Name':'agent','Mode':{'Global':{}},"
        + "'TaskTemplate':{'ContainerSpec':{'Image':'b:2'}}},'UpdateStatus':{'State':'updating'}}");
    List<JsonNode> tasks = List.of(
        globalTask("t1", "aaaaaaaaaaaaaaaaaaaaaaaaa", "b:2", "running", "running", "2026-11-30T10:00:02Z"),
        globalTask("t0", "aaaaaaaaaaaaaaaaaaaaaaaaa", "b:1", "shutdown", "shutdown", "2026-11-30T10:00:00Z"),
        globalTask("t2", "bbbbbbbbbbbbbbbbbbbbbbbbb", "b:2", "running", "starting", "2026-11-30T10:00:03Z"));
    Rollout.Look look = Rollout.look(global, tasks, false);
    assertThat(look.lines()).containsExactly(
        "overall progress: 1 out of 2 tasks",
        "aaaaaaaaaaaa: running   [==================================================>]",
        "bbbbbbbbbbbb: starting  [============================================>      ]");
    assertThat(look.converged()).isFalse();
    assertThat(Rollout.progress(look.lines().get(1))).isInstanceOfSatisfying(io.berth.core.result.Progress.Layer.class,
        l -> assertThat(l.layerId()).isEqualTo("aaaaaaaaaaaa"));

    JsonNode completed = json("{'ID':'s2','Spec':{'Name':'agent','Mode':{'Global':{}},"
        + "'TaskTemplate':{'ContainerSpec':{'Image':'b:2'}}},'UpdateStatus':{'State':'completed'}}");
    assertThat(Rollout.look(completed, List.of(tasks.get(0),
        globalTask("t3", "bbbbbbbbbbbbbbbbbbbbbbbbb", "b:2", "running", "running", "2026-11-30T10:00:04Z")), false).converged()).isTrue();
  }
}
