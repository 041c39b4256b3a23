package io.berth.core.language;

import io.berth.core.command.DockerRequest;

/** The one command language shared by every surface. */
public interface CommandLanguage {

  /** Parses normalized text into a request; throws {@link CommandSyntaxException}. */
  DockerRequest parse(String text);

  /** Overview ({@code topic} null) or one command's usage, generated from the parser's definitions. */
  String help(String topic);

  /** Docker-like text for a request built without text (buttons, forms), secrets masked by {@link SecretMasking}. */
  String describe(DockerRequest request);
}
