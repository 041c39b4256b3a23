package io.berth.core.command;

/** {@code help [COMMAND]}: topic is null for the overview. */
public record Help(String topic) implements DockerRequest {
  @Override
  public String action() {
    return "help";
  }

  @Override
  public String target() {
    return topic == null ? "" : topic;
  }
}
