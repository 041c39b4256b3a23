package io.berth.core.engine;

/**
 * The Swarm objects Berth reads and changes through a manager's Engine API, each with docker's name for
 * it (for "No such service: x") and the API's collection ({@code /services}).
 */
public enum SwarmObject {
  NODE("node", "nodes"),
  SERVICE("service", "services"),
  TASK("task", "tasks");

  private final String noun;
  private final String collection;

  SwarmObject(String noun, String collection) {
    this.noun = noun;
    this.collection = collection;
  }

  public String noun() {
    return noun;
  }

  public String collection() {
    return collection;
  }
}
