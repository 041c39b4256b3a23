package io.berth.core.engine;

import io.berth.core.model.Caller;
import io.berth.core.result.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link ContainerEngine} per Docker endpoint, keyed by its context name (docker's word), and the default
 * context: what a command without {@code --context} runs against. Each engine has its own connections, health
 * and timeouts, so a down endpoint fails only the calls made to it.
 */
public final class Engines implements AutoCloseable {
  /** {@code --context all}: every endpoint, for the read commands that fan out. */
  public static final String ALL = "all";

  private final Map<String, ContainerEngine> byContext;
  private final String defaultContext;
  private final List<AutoCloseable> alsoClose;
  /** {@link #channel}(platform, channel id) to the context that chat channel is bound to (engine.channelContexts). */
  private final Map<String, String> byChannel;

  public Engines(Map<String, ContainerEngine> byContext, String defaultContext, List<AutoCloseable> alsoClose) {
    this(byContext, defaultContext, Map.of(), alsoClose);
  }

  /** @param byChannel keys made by {@link #channel}, each value one of the contexts */
  public Engines(Map<String, ContainerEngine> byContext, String defaultContext, Map<String, String> byChannel,
      List<AutoCloseable> alsoClose) {
    this.byContext = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byContext)); // null values allowed
    this.defaultContext = Objects.requireNonNull(defaultContext, "defaultContext");
    if (!this.byContext.containsKey(defaultContext)) {
      throw new IllegalArgumentException("default context " + defaultContext + " is not one of " + this.byContext.keySet());
    }
    byChannel.forEach((where, context) -> {
      if (!this.byContext.containsKey(context)) {
        throw new IllegalArgumentException("channel " + where + " is bound to " + context + ", not one of " + this.byContext.keySet());
      }
    });
    this.byChannel = Map.copyOf(byChannel);
    this.alsoClose = List.copyOf(alsoClose);
  }

  /** The key of a chat channel binding: the platform's name and its channel id. */
  public static String channel(String platform, String channelId) {
    return platform + ":" + channelId;
  }

  /**
   * Where a command of {@code caller}'s runs when nothing in it names a context: the context the chat channel it
   * came from is bound to, else the default.
   */
  public String defaultFor(Caller caller) {
    String channelId = caller == null ? null : caller.where().channel();
    if (channelId == null) return defaultContext;
    return byChannel.getOrDefault(channel(caller.source().id(), channelId), defaultContext);
  }

  /** One engine, its context named after its endpoint (the single-engine set-up and most tests). */
  public static Engines single(ContainerEngine engine) {
    // null: a surface test that never reaches an engine
    String name = engine == null ? "local" : engine.endpoint();
    Map<String, ContainerEngine> one = new LinkedHashMap<>();
    one.put(name, engine);
    return new Engines(one, name, List.of());
  }

  public String defaultContext() {
    return defaultContext;
  }

  /** The context names in configuration order. */
  public List<String> contexts() {
    return List.copyOf(byContext.keySet());
  }

  public boolean several() {
    return byContext.size() > 1;
  }

  /** The engine of {@code context} (null: the default); an unknown name fails naming the known ones. */
  public ContainerEngine engine(String context) {
    String name = context == null ? defaultContext : context;
    if (!byContext.containsKey(name)) throw unknown(name);
    return byContext.get(name);
  }

  /** The context as given, checked: null stays the default, {@code all} is allowed only when {@code allowAll}. */
  public String checked(String context, boolean allowAll) {
    if (context == null) return defaultContext;
    if (context.equals(ALL)) {
      if (allowAll) return ALL;
      throw new EngineException(Failure.USAGE, "--context all is for read commands (ps, images, stats --no-stream, events,"
          + " system df); name one context: " + String.join(", ", contexts()));
    }
    if (!byContext.containsKey(context)) throw unknown(context);
    return context;
  }

  private EngineException unknown(String name) {
    return new EngineException(Failure.INVALID, "context \"" + name + "\" does not exist (known: "
        + String.join(", ", contexts()) + ")");
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>();
    byContext.values().forEach(e -> { if (e instanceof AutoCloseable c) all.add(c); });
    all.addAll(alsoClose);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing: nothing more to do about one that fails
      }
    }
  }
}
