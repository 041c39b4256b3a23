package io.berth.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.app.conformance.ConformanceCase.Aspect;
import io.berth.app.conformance.ConformanceCase.Compare;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Compares one case's two sides by meaning and gives its verdict. */
public final class Judge {
  /** What one side printed and returned. */
  public record Side(int rc, String out, String err) {}

  public enum Verdict { SAME, ACCEPTABLE, WRONG, UNSUPPORTED }

  /** The verdict, which aspects differ, and a one-line explanation (the reason, or what differs). */
  public record Judgement(Verdict verdict, Set<Aspect> differs, String detail, Side docker, Side berth) {}

  /** Berth's words for "I do not have this command, flag, filter or form". */
  static final Pattern UNSUPPORTED = Pattern.compile(
      "unknown command \"|unknown flag -|unexpected extra argument|unsupported filter|takes no arguments"
          + "|missing -t NAME");
  /** docker's words for the same: when docker refuses too, the case is compared, not "unsupported". */
  static final Pattern DOCKER_REFUSES = Pattern.compile(
      "unknown (shorthand )?flag|unknown command|unknown help topic|requires (exactly |at least |at most )?\\d+ argument");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Normaliser normaliser;

  public Judge(Normaliser normaliser) {
    this.normaliser = normaliser;
  }

  public Judgement judge(ConformanceCase c, Side docker, Side berth) {
    Side d = neutral(c, docker);
    Side b = neutral(c, berth);
    Set<Aspect> differs = EnumSet.noneOf(Aspect.class);
    if (d.rc() != b.rc()) differs.add(Aspect.RC);
    if (!sameOut(c.compare(), d.out(), b.out())) differs.add(Aspect.OUT);
    if (!d.err().equals(b.err())) differs.add(Aspect.ERR);
    if (differs.isEmpty()) return new Judgement(Verdict.SAME, differs, "", d, b);
    if (b.rc() != 0 && UNSUPPORTED.matcher(b.err()).find() && !DOCKER_REFUSES.matcher(d.err()).find()) {
      return new Judgement(Verdict.UNSUPPORTED, differs, firstLine(b.err()), d, b);
    }
    var a = c.acceptable();
    if (a != null) {
      List<String> unmet = new ArrayList<>();
      for (Aspect x : differs) if (!a.differs().contains(x)) unmet.add(x.name().toLowerCase() + " differs");
      if (a.rc() != null && a.rc() != b.rc()) unmet.add("berth rc " + b.rc() + " (declared " + a.rc() + ")");
      if (a.out() != null && !Pattern.compile(a.out()).matcher(b.out()).find()) unmet.add("berth stdout lacks /" + a.out() + "/");
      if (a.err() != null && !Pattern.compile(a.err()).matcher(b.err()).find()) unmet.add("berth stderr lacks /" + a.err() + "/");
      if (unmet.isEmpty()) return new Judgement(Verdict.ACCEPTABLE, differs, a.reason(), d, b);
      return new Judgement(Verdict.WRONG, differs, "not as declared: " + String.join(", ", unmet), d, b);
    }
    return new Judgement(Verdict.WRONG, differs, describe(differs, d, b), d, b);
  }

  private Side neutral(ConformanceCase c, Side s) {
    boolean raw = c.compare() == Compare.RAW;
    boolean json = c.compare() == Compare.JSON || c.compare() == Compare.JSONKEYS;
    String out = normaliser.normalise(s.out(), c.replace(), c.ignore(), raw || json);
    String err = normaliser.normalise(s.err(), c.replace(), c.ignore(), false);
    return new Side(s.rc(), out, err);
  }

  static boolean sameOut(Compare how, String d, String b) {
    return switch (how) {
      case EXACT, RAW -> d.equals(b);
      case LINES -> d.lines().sorted().toList().equals(b.lines().sorted().toList());
      case HEADER -> firstLine(d).equals(firstLine(b)) && d.isEmpty() == b.isEmpty();
      case SHAPE -> firstLine(d).equals(firstLine(b)) && d.lines().count() == b.lines().count();
      case JSON -> {
        JsonNode x = parse(d);
        yield x != null && x.equals(parse(b));
      }
      case JSONKEYS -> {
        JsonNode x = parse(d);
        JsonNode y = parse(b);
        yield x != null && y != null && keys(x, "").equals(keys(y, ""));
      }
    };
  }

  static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : JSON.readTree(text);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Every key path of a JSON tree (array elements share their parent's path). */
  static Set<String> keys(JsonNode node, String path) {
    Set<String> out = new TreeSet<>();
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
        String k = it.next();
        out.add(path + "/" + k);
        out.addAll(keys(node.get(k), path + "/" + k));
      }
    } else if (node.isArray()) {
      out.add(path + "[" + node.size() + "]");
      for (JsonNode e : node) out.addAll(keys(e, path + "[]"));
    }
    return out;
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String describe(Set<Aspect> differs, Side d, Side b) {
    List<String> parts = new ArrayList<>();
    if (differs.contains(Aspect.RC)) parts.add("rc " + b.rc() + " where docker exits " + d.rc());
    if (differs.contains(Aspect.OUT)) parts.add("stdout " + firstDifference(d.out(), b.out()));
    if (differs.contains(Aspect.ERR)) parts.add("stderr " + firstDifference(d.err(), b.err()));
    return String.join("; ", parts);
  }

  /** The first line where the two differ, docker's then Berth's. */
  static String firstDifference(String d, String b) {
    List<String> x = d.lines().toList();
    List<String> y = b.lines().toList();
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      String l = i < x.size() ? x.get(i) : "(nothing)";
      String r = i < y.size() ? y.get(i) : "(nothing)";
      if (!l.equals(r)) return "line " + (i + 1) + ": docker `" + cut(l) + "`, berth `" + cut(r) + "`";
    }
    return "differs";
  }

  static String cut(String s) {
    String t = s.replace("|", "\\|").replace("`", "'");
    return t.length() > 110 ? t.substring(0, 110) + "…" : t;
  }
}
