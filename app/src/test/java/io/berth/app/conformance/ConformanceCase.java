package io.berth.app.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One paired case of the conformance suite (app/src/test/resources/conformance/cases.yaml): the same
 * {@code ARGS} run as {@code docker ARGS} and as {@code ./berth docker ARGS}. Placeholders ({@code {P}}
 * run prefix, {@code {X}} side token, {@code {W}} build root, …) are expanded per side by the runner.
 *
 * @param id        short stable id (h01, p12, …), used by the pending list and the report
 * @param group     the group whose setup the case runs after
 * @param args      the docker arguments, one line, shell-quoted (split by the one tokenizer)
 * @param yes       Berth side gets {@code --yes} (confirmation given up front, as a script would)
 * @param compare   how stdout is compared: exact, lines, json, jsonkeys, header, shape, raw
 * @param ignore    regexes: lines matching one are dropped from both sides before comparing
 * @param replace   extra regex → replacement pairs applied to both sides before the generic ones
 * @param before    docker arguments run on each side (docker CLI) right before the case
 * @param files     host files whose content is appended to stdout after the case (e.g. {@code cp} results)
 * @param env       environment for the docker side only (e.g. DOCKER_HOST)
 * @param config    Berth configuration variant ("" = the suite's; "unreachable" = an endpoint nobody listens on)
 * @param stdin     what both sides get on stdin (a pipe; "" = empty, as /dev/null)
 * @param acceptable a declared, explained difference; null when the case must be the same
 * @param note      what the case shows, for the report
 */
public record ConformanceCase(String id, String group, String args, boolean yes, Compare compare, List<String> ignore,
    List<List<String>> replace, List<String> before, List<String> files, Map<String, String> env, String config,
    String stdin, Acceptable acceptable, String note) {

  /** How the two stdouts are compared (stderr and rc always as text / number). */
  public enum Compare { EXACT, LINES, JSON, JSONKEYS, HEADER, SHAPE, RAW }

  /** The three things compared. */
  public enum Aspect { RC, OUT, ERR }

  /**
   * A documented difference: the case is acceptable when only {@code differs} differ and Berth's side
   * shows what is expected of it ({@code rc}, and regexes found in its normalised stdout/stderr).
   */
  public record Acceptable(String reason, Set<Aspect> differs, Integer rc, String out, String err) {}
}
