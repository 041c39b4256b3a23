package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template subset against docker's real outputs (docs: shared/docker-conformance-2026-11-30.md). */
class GoTemplateTest {
  /** A stand-in for docker's ContainerContext. */
  record Row(Map<String, Object> fields, Map<String, String> labels) implements GoTemplate.Fields {
    public String typeName() {
      return "*formatter.ContainerContext";
    }

    public Object call(String method, List<Object> args) {
      return method.equals("Label") && args.size() == 1 ? labels.getOrDefault(String.valueOf(args.get(0)), "") : null;
    }
  }

  static Row row(String names, String status) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("ID", "2e074c2573ac");
    f.put("Names", names);
    f.put("Status", status);
    f.put("Labels", "berth.test=true,conf.t=x");
    return new Row(f, Map.of("conf.t", "x"));
  }

  static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Names", "NAMES", "Status", "STATUS", "Labels", "LABELS");

  @Test
  void tableWithDockersHeaderAndPaddingAsInCaseP13() {
    assertThat(DockerFormat.rows("table {{.Names}}\\t{{.Status}}", "", List.of(row("conf-ps-a", "Up 26 seconds")), HEADERS))
        .isEqualTo("NAMES       STATUS\nconf-ps-a   Up 26 seconds\n");
  }

  @Test
  void plainFieldsOneLinePerRowAsInCaseP12() {
    assertThat(DockerFormat.rows("{{.Names}}", "", List.of(row("conf-ps-c", ""), row("conf-ps-b", "")), HEADERS))
        .isEqualTo("conf-ps-c\nconf-ps-b\n");
    assertThat(DockerFormat.rows("{{.ID}}: {{.Names}} {{.Label \"conf.t\"}} {{.Names | upper}} {{lower \"AB\"}}", "",
        List.of(row("web", "")), HEADERS)).isEqualTo("2e074c2573ac: web x WEB ab\n");
  }

  @Test
  void jsonOfAContextHasItsFieldsSortedLikeDockersMarshalJson() {
    assertThat(DockerFormat.rows("{{json .}}", "", List.of(row("web", "Up")), HEADERS))
        .isEqualTo("{\"ID\":\"2e074c2573ac\",\"Labels\":\"berth.test=true,conf.t=x\",\"Names\":\"web\",\"Status\":\"Up\"}\n");
    assertThat(DockerFormat.rows("json", "", List.of(row("web", "Up")), HEADERS)).startsWith("{\"ID\":");
  }

  @Test
  void jsonOfAContextEscapesAsGosMarshalAsInCaseG10() {
    // docker's `images --format '{{json .}}'`: "Digest":"\u003cnone\u003e"; a document's {{json}} does not escape
    assertThat(DockerFormat.rows("{{json .}}", "", List.of(row("<none>", "a&b")), HEADERS))
        .contains("\"Names\":\"\\u003cnone\\u003e\"", "\"Status\":\"a\\u0026b\"");
  }

  @Test
  void inspectDocumentsAsInCasesI02AndI06() {
    Object doc = JsonText.parse("""
        {"Id":"abc","Name":"/conf-ps-a","State":{"Status":"exited","ExitCode":3,"Running":false},
         "Config":{"Env":["PATH=/bin","A=<b>&c"],"Labels":{"conf.t":"x"}}}""");
    assertThat(GoTemplate.parse("{{.State.Status}}").execute(doc, true)).isEqualTo("exited");
    assertThat(GoTemplate.parse("{{.Name}}").execute(doc, true)).isEqualTo("/conf-ps-a");
    assertThat(GoTemplate.parse("{{.State.ExitCode}} {{.State.Running}}").execute(doc, true)).isEqualTo("3 false");
    assertThat(GoTemplate.parse("{{json .Config.Env}}").execute(doc, true)).isEqualTo("[\"PATH=/bin\",\"A=<b>&c\"]");
    assertThat(GoTemplate.parse("{{.Config.Env}}").execute(doc, true)).isEqualTo("[PATH=/bin A=<b>&c]");
    assertThat(GoTemplate.parse("{{index .Config.Labels \"conf.t\"}}").execute(doc, true)).isEqualTo("x");
    // docker re-marshals its typed struct: fields in the order the engine wrote them (case r31), not sorted
    assertThat(GoTemplate.parse("{{json .State}}").execute(doc, true)).isEqualTo("{\"Status\":\"exited\",\"ExitCode\":3,\"Running\":false}");
    assertThat(GoTemplate.parse("{{join .Config.Env \",\"}}").execute(doc, true)).isEqualTo("PATH=/bin,A=<b>&c");
    assertThat(GoTemplate.parse("{{- .Name -}}  \n").execute(doc, true)).isEqualTo("/conf-ps-a");
    assertThat(GoTemplate.parse("{{len .Config.Env}} {{index .Config.Env 1}}").execute(doc, true)).isEqualTo("2 A=<b>&c");
  }

  @Test
  void unknownFieldsFailWithGosWording() {
    assertThatThrownBy(() -> DockerFormat.rows("{{.Foo}}", "", List.of(row("web", "")), HEADERS))
        .hasMessage("template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext");
    Object doc = JsonText.parse("{\"State\":{\"Status\":\"running\"}}");
    assertThatThrownBy(() -> GoTemplate.parse("x {{.State.Nope}}").execute(doc, true))
        .hasMessage("template: :1:4: executing \"\" at <.State.Nope>: map has no entry for key \"Nope\"");
    assertThatThrownBy(() -> GoTemplate.parse("{{nosuch .}}")).isInstanceOf(GoTemplate.TemplateException.class);
    assertThatThrownBy(() -> GoTemplate.parse("{{bogus .}}").execute(doc, true))
        .hasMessage("template: :1: function \"bogus\" not defined");
    assertThatThrownBy(() -> GoTemplate.parse("{{.Names")).hasMessage("template: :1: unclosed action");
    assertThatThrownBy(() -> GoTemplate.parse("{{range .Mounts}}{{end}}")).hasMessageContaining("{{range}} is not supported");
  }

  @Test
  void indentedJsonIsDockersInspectLayout() {
    Object doc = JsonText.parse("{\"Id\":\"abc\",\"Args\":[],\"Labels\":{},\"Env\":[\"A=1\"],\"N\":1.50}");
    assertThat(JsonText.indented(List.of(doc), "    ")).isEqualTo("""
        [
            {
                "Id": "abc",
                "Args": [],
                "Labels": {},
                "Env": [
                    "A=1"
                ],
                "N": 1.50
            }
        ]""");
  }
}
