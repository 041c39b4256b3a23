package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ImageList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code images [-a]}. */
public record Images(boolean all) implements DockerRequest {

  public static final CommandSpec<Images> SPEC = new CommandSpec<>() {
    @Override public Class<Images> type() { return Images.class; }
    @Override public Grammar<Images> grammar() { return new ImagesGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Images probe() { return new Images(false); }
    @Override public ImageList execute(Images r, Execution x) { return new ImageList(x.engine().images(r.all())); }
    @Override public void describe(Images r, Words w) { w.flag(r.all(), "-a"); }
  };

  @Command(name = "images", description = "List images.", customSynopsis = "images [-a]")
  static final class ImagesGrammar extends Grammar<Images> {
    @Option(names = {"-a", "--all"}, description = "Include intermediate images.")
    boolean all;

    @Override
    public Images toRequest(ArgumentReader in) {
      return new Images(all);
    }
  }
}
