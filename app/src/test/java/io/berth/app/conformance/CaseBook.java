package io.berth.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.app.conformance.ConformanceCase.Acceptable;
import io.berth.app.conformance.ConformanceCase.Aspect;
import io.berth.app.conformance.ConformanceCase.Compare;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cases as data: groups (each with its setup and teardown, run once per side where they name
 * {@code {X}}) of cases, and the pending list: case id → the part of issue 10 (streams, format, cmds,
 * netvol, flags) that will fix it, so the suite is green while those parts are being built.
 */
public record CaseBook(List<Group> groups, Map<String, String> pending) {

  /** Setup steps are docker argument lines, or maps: {file, text}, {build, tag, steps, files}, {hello}. */
  public record Group(String name, List<JsonNode> setup, List<String> teardown, List<ConformanceCase> cases) {}

  public static CaseBook load(InputStream yaml) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    Map<String, String> pending = new LinkedHashMap<>();
    root.path("pending").fields().forEachRemaining(part -> {
      for (JsonNode id : part.getValue()) pending.put(id.asText(), part.getKey());
    });
    List<Group> groups = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode g : root.path("groups")) {
      String name = g.path("name").asText();
      List<String> groupIgnore = strings(g.path("ignore"));
      List<ConformanceCase> cases = new ArrayList<>();
      for (JsonNode c : g.path("cases")) {
        String id = c.path("id").asText();
        if (!ids.add(id)) throw new IllegalArgumentException("case id " + id + " twice");
        List<String> ignore = new ArrayList<>(groupIgnore);
        ignore.addAll(strings(c.path("ignore")));
        List<List<String>> replace = new ArrayList<>();
        for (JsonNode r : c.path("replace")) replace.add(List.of(r.get(0).asText(), r.get(1).asText()));
        Map<String, String> env = new LinkedHashMap<>();
        c.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        cases.add(new ConformanceCase(id, name, c.path("args").asText(), c.path("yes").asBoolean(false),
            Compare.valueOf(c.path("compare").asText("exact").toUpperCase()), ignore, replace,
            strings(c.path("before")), strings(c.path("files")), env, c.path("config").asText(""),
            c.path("stdin").asText(""), acceptable(c.path("acceptable")), c.path("note").asText("")));
      }
      List<JsonNode> setup = new ArrayList<>();
      g.path("setup").forEach(setup::add);
      groups.add(new Group(name, setup, strings(g.path("teardown")), cases));
    }
    for (String id : pending.keySet()) {
      if (!ids.contains(id)) throw new IllegalArgumentException("pending names case " + id + ", which does not exist");
    }
    return new CaseBook(groups, pending);
  }

  private static Acceptable acceptable(JsonNode a) {
    if (a.isMissingNode() || a.isNull()) return null;
    if (!a.hasNonNull("reason")) throw new IllegalArgumentException("acceptable without a reason: " + a);
    Set<Aspect> differs = EnumSet.noneOf(Aspect.class);
    for (String s : strings(a.path("differs"))) differs.add(Aspect.valueOf(s.toUpperCase()));
    JsonNode b = a.path("berth");
    return new Acceptable(a.path("reason").asText(), differs, b.hasNonNull("rc") ? b.get("rc").asInt() : null,
        b.hasNonNull("out") ? b.get("out").asText() : null, b.hasNonNull("err") ? b.get("err").asText() : null);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) out.add(n.asText());
    else n.forEach(x -> out.add(x.asText()));
    return out;
  }

  public List<ConformanceCase> cases() {
    return groups.stream().flatMap(g -> g.cases().stream()).toList();
  }
}
