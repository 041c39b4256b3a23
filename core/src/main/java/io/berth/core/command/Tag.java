package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]}: both by docker's reference grammar (SOURCE may
 * be an image id). The image allowlist ({@code policy.run.images}) applies to SOURCE: a tag is a
 * new name for content already here, so only allowed content may get a name — otherwise tagging
 * any image as an allowed name would launder it past the allowlist.
 */
public record Tag(String source, String target) implements DockerRequest {
  /** @throws ImageRef.InvalidReference for anything outside docker's grammar */
  public Tag {
    ImageRef.parseAny(source);
    ImageRef.parse(target);
  }

  /** docker prints nothing. */
  public record Tagged(String source, String target) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return "";
    }
  }

  public static final CommandSpec<Tag> SPEC = new CommandSpec<>() {
    @Override public Class<Tag> type() { return Tag.class; }
    @Override public Grammar<Tag> grammar() { return new TagGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Tag probe() { return new Tag("probe", "probe2"); }
    @Override public String target(Tag r) { return r.target(); }
    @Override public List<String> images(Tag r) { return List.of(r.source()); }
    @Override public void describe(Tag r, Words w) { w.add(r.source()).add(r.target()); }
    @Override public String consequence(Tag r, String target) { return "This will tag " + r.source() + " as " + r.target() + "."; }

    @Override
    public Tagged execute(Tag r, Execution x) {
      x.engine().tag(r.source(), r.target());
      return new Tagged(r.source(), r.target());
    }
  };

  @Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.",
      customSynopsis = "tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]")
  static final class TagGrammar extends Grammar<Tag> {
    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]", description = "Image reference or id.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]", description = "The new name, e.g. localhost:5000/app:1.")
    String target;

    @Override
    public Tag toRequest(ArgumentReader in) {
      return new Tag(in.reference("SOURCE_IMAGE", source), in.reference("TARGET_IMAGE", target));
    }
  }
}
