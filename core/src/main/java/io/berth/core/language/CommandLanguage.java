package io.berth.core.language;

import io.berth.core.command.DockerRequest;

/** The one command language shared by every surface. */
public interface CommandLanguage {

  /** Parses normalized text into a request; throws {@link CommandSyntaxException}. */
  DockerRequest parse(String text);

  /** Overview ({@code topic} null) or one command's usage, generated from the parser's definitions. */
  String help(String topic);

  /** The text with secret values ({@code -e K=V}) replaced, safe for the audit trail and logs. */
  String mask(String text);

  /** Docker-like text for a request built without text (buttons, forms), already masked. */
  String describe(DockerRequest request);
}
