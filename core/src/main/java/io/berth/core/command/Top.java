package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code top CONTAINER [ps OPTIONS]}: the container's processes as the host's {@code ps} lists
 * them. The engine runs {@code ps} itself with these words (no shell), so each is held to the
 * characters ps options use ({@code -o pid,comm}, {@code aux}, {@code --sort=-pcpu}).
 */
public record Top(String container, List<String> psArgs) implements DockerRequest {
  private static final Pattern PS_WORD = Pattern.compile("[A-Za-z0-9,=_.%:+-]{1,64}");

  public Top {
    psArgs = List.copyOf(psArgs);
    for (String a : psArgs) {
      if (!PS_WORD.matcher(a).matches()) {
        throw new IllegalArgumentException("bad ps option \"" + a + "\"; ps options are letters, digits and , = _ . % : + - "
            + "(e.g. top web -o pid,comm)");
      }
    }
  }

  /** ps's column titles and one row per process; rendered as docker's table (columns at least 20 wide). */
  public record Processes(List<String> titles, List<List<String>> processes) implements Result {
    public Processes {
      titles = List.copyOf(titles);
      processes = processes.stream().map(List::copyOf).toList();
    }

    @Override
    public String text(PlainTextRenderer r) {
      // docker: tabwriter(minwidth 20, padding 3); the last column is not padded
      int[] width = new int[titles.size()];
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(20, titles.get(i).length() + 3);
        for (List<String> p : processes) if (i < p.size()) width[i] = Math.max(width[i], p.get(i).length() + 3);
      }
      StringBuilder sb = new StringBuilder();
      List<List<String>> rows = new ArrayList<>();
      rows.add(titles);
      rows.addAll(processes);
      for (List<String> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          String cell = row.get(i);
          sb.append(i == row.size() - 1 ? cell : cell + " ".repeat(Math.max(0, (i < width.length ? width[i] : 20) - cell.length())));
        }
        sb.append('\n');
      }
      return sb.toString();
    }
  }

  public static final CommandSpec<Top> SPEC = new CommandSpec<>() {
    @Override public Class<Top> type() { return Top.class; }
    @Override public Grammar<Top> grammar() { return new TopGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Top probe() { return new Top("probe", List.of()); }
    @Override public List<String> containers(Top r) { return List.of(r.container()); }
    @Override public Top pin(Top r, List<String> ids) { return new Top(ids.get(0), r.psArgs()); }
    @Override public void describe(Top r, Words w) { w.add(r.container()).addAll(r.psArgs()); }
    @Override public Processes execute(Top r, Execution x) { return x.engine().top(r.container(), r.psArgs()); }
  };

  @Command(name = "top", description = "Display the running processes of a container.",
      customSynopsis = "top CONTAINER [ps OPTIONS]")
  static final class TopGrammar extends Grammar<Top> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PS_OPTION", description = "Options for ps (default -ef).")
    List<String> psArgs = new ArrayList<>();

    @Override
    public boolean stopsAtPositional() {
      return true; // "top web -o pid": -o belongs to ps, not to top
    }

    @Override
    public Top toRequest(ArgumentReader in) {
      return new Top(in.reference("CONTAINER", container), psArgs);
    }
  }
}
