package io.berth.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.app.conformance.ConformanceCase.Acceptable;
import io.berth.app.conformance.ConformanceCase.Aspect;
import io.berth.app.conformance.ConformanceCase.Compare;
import io.berth.app.conformance.Judge.Side;
import io.berth.app.conformance.Judge.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparator of the conformance suite: it must tell a real difference from noise. */
class JudgeTest {
  final Judge judge = new Judge(new Normaliser(Map.of("dabcd", "X", "babcd", "X", "bt-conf-123456", "<P>")));

  static ConformanceCase plain(Compare compare, Acceptable acceptable) {
    return new ConformanceCase("t1", "g", "ps", false, compare, List.of(), List.of(), List.of(), List.of(), Map.of(), "",
        "", acceptable, "");
  }

  Verdict verdict(ConformanceCase c, Side docker, Side berth) {
    return judge.judge(c, docker, berth).verdict();
  }

  @Test
  void idsTimesAgesNamesAndPaddingAreNoise() {
    Side docker = new Side(0, """
        CONTAINER ID   IMAGE                COMMAND       CREATED              STATUS                    NAMES
        2e074c2573ac   berth-test/busybox   "sleep 300"   About a minute ago   Up 59 seconds             bt-conf-123456-dabcd-s1
        """, "");
    Side berth = new Side(0, """
        CONTAINER ID   IMAGE              COMMAND     CREATED       STATUS     NAMES
        9f0e1d2c3b4a   berth-test/busybox   "sleep 300"   2 minutes ago   Up 2 minutes   bt-conf-123456-babcd-s1

        """, "");
    assertThat(verdict(plain(Compare.EXACT, null), docker, berth)).isEqualTo(Verdict.SAME);
    Side logs = new Side(0, "2026-11-30T11:18:16.799443032Z late\n", "");
    Side logs2 = new Side(0, "2026-12-01T09:00:00.1Z late\n", "");
    assertThat(verdict(plain(Compare.EXACT, null), logs, logs2)).isEqualTo(Verdict.SAME);
  }

  @Test
  void aDifferentExitCodeIsWrong() {
    Side docker = new Side(1, "", "Error response from daemon: No such container: x\n");
    Side berth = new Side(125, "", "Error: No such container: x\n");
    var j = judge.judge(plain(Compare.EXACT, null), docker, berth);
    assertThat(j.verdict()).isEqualTo(Verdict.WRONG);
    assertThat(j.differs()).containsExactly(Aspect.RC);
    assertThat(j.detail()).contains("rc 125 where docker exits 1");
  }

  @Test
  void theSameTextOnTheWrongStreamIsWrong() {
    Side docker = new Side(1, "out\n", "err\n");
    Side berth = new Side(1, "out\nerr\n", "");
    var j = judge.judge(plain(Compare.EXACT, null), docker, berth);
    assertThat(j.verdict()).isEqualTo(Verdict.WRONG);
    assertThat(j.differs()).containsExactlyInAnyOrder(Aspect.OUT, Aspect.ERR);
  }

  @Test
  void differentWordsAreWrongButTheErrorPrefixAndDockersHintAreNot() {
    Side docker = new Side(125, "", "docker: Error response from daemon: invalid restart policy 'bogus'\n\nRun 'docker run --help' for more information\n");
    assertThat(verdict(plain(Compare.EXACT, null), docker, new Side(125, "", "Error: invalid restart policy 'bogus'\n")))
        .isEqualTo(Verdict.SAME);
    assertThat(verdict(plain(Compare.EXACT, null), docker, new Side(125, "", "Error: bad restart policy \"bogus\"\n")))
        .isEqualTo(Verdict.WRONG);
  }

  @Test
  void anUnknownFlagOrCommandIsUnsupportedUnlessDockerRefusesItToo() {
    Side docker = new Side(0, "2e074c2573ac\n", "");
    Side berth = new Side(125, "", "Error: ps: unknown flag -q; known flags: -a/--all\n");
    assertThat(verdict(plain(Compare.EXACT, null), docker, berth)).isEqualTo(Verdict.UNSUPPORTED);
    Side dockerRefuses = new Side(125, "", "unknown flag: --bogus\nSee 'docker ps --help'.\n");
    assertThat(verdict(plain(Compare.EXACT, null), dockerRefuses, new Side(125, "", "Error: ps: unknown flag --bogus\n")))
        .isEqualTo(Verdict.WRONG);
  }

  @Test
  void aDeclaredDifferenceIsAcceptableOnlyAsDeclared() {
    Acceptable confirm = new Acceptable("policy: exec needs confirmation", EnumSet.of(Aspect.RC, Aspect.OUT, Aspect.ERR), 1,
        null, "Confirm");
    Side docker = new Side(0, "hi\n", "");
    assertThat(verdict(plain(Compare.EXACT, confirm), docker, new Side(1, "", "Confirmation required: ...\n")))
        .isEqualTo(Verdict.ACCEPTABLE);
    assertThat(verdict(plain(Compare.EXACT, confirm), docker, new Side(125, "", "Confirmation required: ...\n")))
        .isEqualTo(Verdict.WRONG);
    assertThat(verdict(plain(Compare.EXACT, confirm), docker, new Side(1, "", "Denied\n"))).isEqualTo(Verdict.WRONG);
    Acceptable wording = new Acceptable("own wording", EnumSet.of(Aspect.ERR), null, null, null);
    var j = judge.judge(plain(Compare.EXACT, wording), new Side(1, "", "a\n"), new Side(125, "", "b\n"));
    assertThat(j.verdict()).isEqualTo(Verdict.WRONG);
    assertThat(j.detail()).contains("rc differs");
  }

  @Test
  void jsonIsComparedAsATreeAndShapeByHeaderAndRows() {
    Side docker = new Side(0, "[{\"Id\":\"" + "a".repeat(64) + "\",\"State\":{\"Status\":\"exited\"}}]", "");
    Side same = new Side(0, "[\n  {\n    \"State\": {\"Status\": \"exited\"},\n    \"Id\": \"" + "b".repeat(64) + "\"\n  }\n]\n", "");
    Side other = new Side(0, "[{\"Id\":\"" + "b".repeat(64) + "\",\"State\":{\"Status\":\"running\"}}]", "");
    assertThat(verdict(plain(Compare.JSON, null), docker, same)).isEqualTo(Verdict.SAME);
    assertThat(verdict(plain(Compare.JSON, null), docker, other)).isEqualTo(Verdict.WRONG);
    assertThat(verdict(plain(Compare.JSON, null), docker, new Side(0, "Name: x\n", ""))).isEqualTo(Verdict.WRONG);
    assertThat(verdict(plain(Compare.JSONKEYS, null), docker, other)).isEqualTo(Verdict.SAME);
    Side stats = new Side(0, "NAME   CPU %\nx   0.01%\n", "");
    assertThat(verdict(plain(Compare.SHAPE, null), stats, new Side(0, "NAME  CPU %\nx   3.50%\n", ""))).isEqualTo(Verdict.SAME);
    assertThat(verdict(plain(Compare.SHAPE, null), stats, new Side(0, "NAME  CPU %\n", ""))).isEqualTo(Verdict.WRONG);
  }

  @Test
  void rawKeepsTheLastNewline() {
    assertThat(verdict(plain(Compare.RAW, null), new Side(0, "no-newline", ""), new Side(0, "no-newline\n", "")))
        .isEqualTo(Verdict.WRONG);
  }

  @Test
  void theCaseFileRefusesAPendingEntryForAMissingCaseAndAnAcceptableWithoutReason() {
    String ok = "groups:\n  - name: g\n    cases:\n      - {id: a1, args: ps}\npending: {streams: [a1]}\n";
    String missing = "groups:\n  - name: g\n    cases:\n      - {id: a1, args: ps}\npending: {streams: [zz]}\n";
    String noReason = "groups:\n  - name: g\n    cases:\n      - {id: a1, args: ps, acceptable: {differs: [rc]}}\n";
    org.assertj.core.api.Assertions.assertThatCode(() -> CaseBook.load(in(ok))).doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseBook.load(in(missing))).hasMessageContaining("zz");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseBook.load(in(noReason))).hasMessageContaining("reason");
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
