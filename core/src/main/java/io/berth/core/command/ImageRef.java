package io.berth.core.command;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference by Docker's own grammar, the one parser for image names in Berth: the
 * language (parse time), the request records, the web console and the engine adapter all use it.
 * An image name ends up in Engine API paths ({@code /images/NAME/json}, {@code DELETE /images/NAME});
 * dockerd decodes {@code %2F} and cleans {@code ..} before routing, so escaping alone would not
 * stop {@code x/../../containers/victim} — only values of this grammar may get that far.
 *
 * <p>A faithful port of {@code github.com/distribution/reference} (regexp.go, reference.go) as
 * vendored by the Docker 20.10 engine: {@code ParseNormalizedNamed} for names ({@link #parse}),
 * {@code ParseAnyReference} where an image id is also fine ({@link #parseAny}). Differences: the
 * name length is checked on the name as given (the engine checks its normalized form).
 *
 * <pre>
 * reference      := name [ ":" tag ] [ "@" digest ]
 * name           := [domain '/'] path-component ['/' path-component]*
 * domain         := host [':' port-number]
 * host           := domain-name | '[' IPv6 ']'
 * path-component := [a-z0-9]+ ( ( [._] | "__" | [-]+ ) [a-z0-9]+ )*
 * tag            := [\w][\w.-]{0,127}
 * digest         := algorithm ":" hex   (sha256: 64, sha384: 96, sha512: 128 lowercase hex)
 * </pre>
 *
 * @param domain registry host[:port], or null (Docker Hub)
 * @param path the repository path, lowercase; null only for an image id
 * @param tag the tag, or null
 * @param digest {@code algorithm:hex}, or null; an image id is a reference with only a digest
 */
public record ImageRef(String domain, String path, String tag, String digest) {
  /** Docker's limit on a repository name (distribution's NameTotalLengthMax). */
  public static final int NAME_TOTAL_LENGTH_MAX = 255;

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_NAME_COMPONENT + "(?:\\." + DOMAIN_NAME_COMPONENT + ")*";
  private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
  private static final String DOMAIN_AND_PORT = "(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
  private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + REMOTE_NAME;

  private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern ANCHORED_NAME = Pattern.compile("(?:(" + DOMAIN_AND_PORT + ")/)?(" + REMOTE_NAME + ")");
  private static final Pattern ANCHORED_DOMAIN = Pattern.compile(DOMAIN_AND_PORT);
  private static final Pattern ANCHORED_REMOTE_NAME = Pattern.compile(REMOTE_NAME);
  private static final Pattern ANCHORED_TAG = Pattern.compile(TAG);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  /** go-digest's registered algorithms (dockerd imports all three) and their hex lengths. */
  private static final Map<String, Integer> ALGORITHMS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);
  /** No valid reference is longer: name 255, ":" + tag 129, "@sha512:" + 128 hex. Bounds regex work on hostile input. */
  private static final int MAX_TEXT = NAME_TOTAL_LENGTH_MAX + 129 + 136;

  private static final String INVALID = "invalid reference format";

  public ImageRef {
    if (path == null) {
      if (domain != null || tag != null || digest == null) throw new InvalidReference(INVALID);
    } else {
      if (!ANCHORED_REMOTE_NAME.matcher(path).matches()) throw new InvalidReference(INVALID);
      if (domain != null && !ANCHORED_DOMAIN.matcher(domain).matches()) throw new InvalidReference(INVALID);
      if (tag != null && !ANCHORED_TAG.matcher(tag).matches()) throw new InvalidReference(INVALID);
      int nameLength = (domain == null ? 0 : domain.length() + 1) + path.length();
      if (nameLength > NAME_TOTAL_LENGTH_MAX) {
        throw new InvalidReference(INVALID + ": repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
      }
    }
    if (digest != null) checkDigest(digest);
  }

  /**
   * A named reference ({@code pull}, {@code build -t}): docker's {@code ParseNormalizedNamed}.
   *
   * @throws InvalidReference with docker's words, e.g. {@code invalid reference format}
   */
  public static ImageRef parse(String text) {
    try {
      return parseNamed(text);
    } catch (InvalidReference e) {
      throw e.about(text);
    }
  }

  /**
   * A reference or an image id ({@code run}, {@code rmi}): docker's {@code ParseAnyReference}, so
   * {@code sha256:<64 hex>} and a bare 64-hex id are accepted too (a short id is a valid name).
   */
  public static ImageRef parseAny(String text) {
    try {
      if (text != null && IDENTIFIER.matcher(text).matches()) return new ImageRef(null, null, null, "sha256:" + text);
      int colon = text == null ? -1 : text.indexOf(':');
      if (colon > 0 && ALGORITHMS.containsKey(text.substring(0, colon)) && text.indexOf('/') < 0 && text.indexOf('@') < 0) {
        String hex = text.substring(colon + 1);
        if (hex.length() == ALGORITHMS.get(text.substring(0, colon)) && hex.matches("[a-f0-9]+")) {
          return new ImageRef(null, null, null, text);
        }
      }
      return parseNamed(text);
    } catch (InvalidReference e) {
      throw e.about(text);
    }
  }

  /** True for text {@link #parseAny} accepts. */
  public static boolean isValid(String text) {
    try {
      parseAny(text);
      return true;
    } catch (InvalidReference e) {
      return false;
    }
  }

  private static ImageRef parseNamed(String s) {
    if (s == null || s.isEmpty()) throw new InvalidReference(INVALID + ": repository name must have at least one component");
    if (s.length() > MAX_TEXT) throw new InvalidReference(INVALID);
    if (IDENTIFIER.matcher(s).matches()) {
      throw new InvalidReference("invalid repository name, cannot specify 64-byte hexadecimal strings");
    }
    // ParseNormalizedNamed: the first component is a registry only with a "." or ":" or as localhost
    int slash = s.indexOf('/');
    String first = slash < 0 ? "" : s.substring(0, slash);
    boolean hasDomain = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String remainder = hasDomain ? s.substring(slash + 1) : s;
    int tagSep = remainder.indexOf(':');
    String remote = tagSep < 0 ? remainder : remainder.substring(0, tagSep);
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      throw new InvalidReference(INVALID + ": repository name must be lowercase");
    }
    Matcher m = REFERENCE.matcher(s);
    if (!m.matches()) throw new InvalidReference(INVALID);
    Matcher name = ANCHORED_NAME.matcher(m.group(1));
    if (!name.matches()) throw new InvalidReference(INVALID);
    // without a registry-like first component, the whole name is the path (docker.io/<name>)
    String domain = hasDomain ? name.group(1) : null;
    String path = hasDomain ? name.group(2) : m.group(1);
    return new ImageRef(domain, path, m.group(2), m.group(3));
  }

  private static void checkDigest(String digest) {
    int colon = digest.indexOf(':');
    if (colon < 0 || !digest.matches(DIGEST)) throw new InvalidReference(INVALID);
    Integer length = ALGORITHMS.get(digest.substring(0, colon));
    if (length == null) throw new InvalidReference(INVALID + ": unsupported digest algorithm");
    String hex = digest.substring(colon + 1);
    if (hex.length() != length) throw new InvalidReference(INVALID + ": invalid checksum digest length");
    if (!hex.matches("[a-f0-9]+")) throw new InvalidReference(INVALID + ": invalid checksum digest format");
  }

  /** True for an image id ({@code sha256:...}) rather than a name. */
  public boolean isId() {
    return path == null;
  }

  /** {@code [domain/]path}; null for an image id. */
  public String name() {
    if (path == null) return null;
    return domain == null ? path : domain + "/" + path;
  }

  /** What to pull: the digest when there is one, else the tag, else {@code latest} (docker's default). */
  public String tagOrDigest() {
    return digest != null ? digest : tag != null ? tag : "latest";
  }

  /** {@code name:tag}, {@code latest} when untagged; {@code name@digest} when digested. For allowlists. */
  public String withDefaultTag() {
    if (isId()) return digest;
    return digest != null ? name() + "@" + digest : name() + ":" + (tag == null ? "latest" : tag);
  }

  /**
   * The fully qualified reference docker prints when a pull ends ({@code docker.io/library/busybox:latest},
   * {@code localhost:5000/app:1}, {@code name@digest}).
   */
  public String qualified() {
    if (isId()) return digest;
    String full = domain != null ? name() : "docker.io/" + (path.contains("/") ? path : "library/" + path);
    return full + (digest != null ? "@" + digest : ":" + (tag == null ? "latest" : tag));
  }

  /** The reference as docker writes it. */
  @Override
  public String toString() {
    if (isId()) return digest;
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** A value outside the grammar; the message starts with docker's own words. */
  public static final class InvalidReference extends IllegalArgumentException {
    private final String reason;

    InvalidReference(String reason) {
      this(reason, reason);
    }

    private InvalidReference(String message, String reason) {
      super(message);
      this.reason = reason;
    }

    /** Docker's words alone, e.g. {@code invalid reference format: repository name must be lowercase}. */
    public String reason() {
      return reason;
    }

    /** Names the rejected text the way the docker CLI does. */
    InvalidReference about(String text) {
      String shown = text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
      return new InvalidReference("\"" + shown + "\" is not a valid repository/tag: " + reason, reason);
    }
  }
}
