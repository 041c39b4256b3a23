package io.berth.core.command;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A typed request as JSON and back, unchanged (secrets included: what is written must be kept as secret as the
 * request itself), for a replica to run a request another one pinned (a confirmation pressed elsewhere). Only
 * the catalog's request types are read back, through their canonical constructors, so their checks apply again.
 */
public final class RequestJson {
  private static final Map<String, Class<?>> TYPES = Arrays.stream(DockerRequest.class.getPermittedSubclasses())
      .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // a component typed by a sealed interface names its record (only a subtype of that interface is accepted)
      .addMixIn(Build.Context.class, NamedSubtype.class)
      .addModule(new SimpleModule()
          .addSerializer(Instant.class, ToStringSerializer.instance)
          .addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
              return Instant.parse(p.getValueAsString());
            }
          })
          .addSerializer(Duration.class, ToStringSerializer.instance)
          .addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
              return Duration.parse(p.getValueAsString());
            }
          }))
      .build();

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
  private abstract static class NamedSubtype {}

  private RequestJson() {}

  /** {@code {"type": "Run", "request": {...}}}. */
  public static JsonNode write(DockerRequest request) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", request.getClass().getSimpleName());
    n.set("request", JSON.valueToTree(request));
    return n;
  }

  /** The request {@link #write} wrote; refuses a type outside the catalog. */
  public static DockerRequest read(JsonNode node) {
    Class<?> type = TYPES.get(node.path("type").asText(""));
    if (type == null) throw new IllegalArgumentException("not a request type: " + node.path("type").asText(""));
    try {
      return (DockerRequest) JSON.treeToValue(node.get("request"), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable " + type.getSimpleName() + " request: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  /** The mapper the rest of a stored record uses, so one configuration reads and writes both. */
  public static ObjectMapper mapper() {
    return JSON;
  }
}
