package io.berth.core.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subset of Go's {@code text/template} that docker users put in {@code --format}: text,
 * actions with pipelines ({@code {{.Names}}}, {@code {{.State.Status}}}, {@code {{json .Config.Env}}},
 * {@code {{.Label "x"}}}, {@code {{index .Labels "x"}}}, {@code {{.Names | upper}}}, trim markers
 * {@code {{- -}}}) and docker's functions (json, upper, lower, title, join, split, index, len, pad,
 * truncate). Errors read as Go's ({@code template: :1:2: executing "" at <.Foo>: …}). Control
 * structures (if, range, with) are refused by name rather than misread.
 */
public final class GoTemplate {

  /** A value with named fields, as docker's formatter contexts ({@code ContainerContext}) are. */
  public interface Fields {
    /** Go's name of the context type, for "can't evaluate field X in type T". */
    String typeName();

    /** Every field by name, in the order docker prints them; {@code {{json .}}} sorts them. */
    Map<String, Object> fields();

    /** A method with arguments (e.g. {@code Label "key"}); null when there is no such method. */
    default Object call(String method, List<Object> args) {
      return null;
    }

    /** What {@code {{json .}}} prints: the fields with keys sorted (docker's contexts); a type with its own JSON says so. */
    default String json() {
      return JsonText.compact(new TreeMap<>(fields()));
    }
  }

  /**
   * A nil pointer field of a formatter context (ps's {@code Platform} when the engine names none): Go's
   * template prints it as {@code <nil>} (a missing value prints {@code <no value>}), its JSON is {@code null}.
   */
  public enum Nil {
    POINTER;

    @Override
    public String toString() {
      return "<nil>";
    }
  }

  /** A template that could not be parsed or executed; the message is Go's wording. */
  public static final class TemplateException extends RuntimeException {
    TemplateException(String message) {
      super(message);
    }
  }

  private sealed interface Node permits Text, Action {}

  private record Text(String text) implements Node {}

  private record Action(List<List<Arg>> pipeline, int pos, String source) implements Node {}

  private sealed interface Arg permits Field, Dot, Str, Num, Ident, Sub {}

  /** {@code .A.B} on dot, or on {@code base} when a sub-pipeline precedes it. */
  private record Field(List<String> path, int pos) implements Arg {}

  private record Dot() implements Arg {}

  private record Str(String value) implements Arg {}

  private record Num(BigDecimal value) implements Arg {}

  private record Ident(String name, int pos) implements Arg {}

  private record Sub(List<List<Arg>> pipeline) implements Arg {}

  private static final List<String> FUNCTIONS = List.of("json", "upper", "lower", "title", "join", "split", "index", "len",
      "pad", "truncate");
  private static final List<String> KEYWORDS = List.of("if", "range", "with", "else", "end", "define", "template", "block");

  private final String source;
  private final List<Node> nodes;

  private GoTemplate(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = nodes;
  }

  // ---------------------------------------------------------------- parsing

  public static GoTemplate parse(String text) {
    List<Node> nodes = new ArrayList<>();
    int i = 0;
    StringBuilder pending = new StringBuilder();
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        pending.append(text, i, text.length());
        break;
      }
      pending.append(text, i, open);
      int start = open + 2;
      boolean trimLeft = text.startsWith("- ", start) || text.startsWith("-\t", start) || text.startsWith("-\n", start);
      if (trimLeft) {
        start += 1;
        int end = pending.length();
        while (end > 0 && Character.isWhitespace(pending.charAt(end - 1))) end--;
        pending.setLength(end);
      }
      int close = findClose(text, start, open);
      boolean trimRight = close - 2 >= start && text.charAt(close - 1) == '-' && Character.isWhitespace(text.charAt(close - 2));
      String body = text.substring(start, trimRight ? close - 1 : close);
      if (pending.length() > 0) nodes.add(new Text(pending.toString()));
      pending.setLength(0);
      String trimmed = body.strip();
      if (!(trimmed.startsWith("/*") && trimmed.endsWith("*/"))) {
        nodes.add(new Action(new Lexer(text, start, body).pipeline(), start, text));
      }
      i = close + 2;
      if (trimRight) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
      }
    }
    if (pending.length() > 0) nodes.add(new Text(pending.toString()));
    return new GoTemplate(text, List.copyOf(nodes));
  }

  private static int findClose(String text, int from, int open) {
    boolean inString = false;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\' && quote == '"') i++;
        else if (c == quote) inString = false;
      } else if (c == '"' || c == '`') {
        inString = true;
        quote = c;
      } else if (text.startsWith("}}", i)) {
        return i;
      }
    }
    throw new TemplateException("template: :" + line(text, open) + ": unclosed action");
  }

  private static String line(String text, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
    return Integer.toString(line);
  }

  /** Go's "line:column" of a position (column counted from 0 within its line). */
  private static String lineCol(String text, int pos) {
    int nl = text.lastIndexOf('\n', pos - 1);
    return line(text, pos) + ":" + (pos - (nl + 1));
  }

  private static final class Lexer {
    private final String all;
    private final int base;
    private final String s;
    private int i;

    Lexer(String all, int base, String body) {
      this.all = all;
      this.base = base;
      this.s = body;
    }

    private TemplateException error(String what) {
      return new TemplateException("template: :" + line(all, base + i) + ": " + what);
    }

    List<List<Arg>> pipeline() {
      List<List<Arg>> cmds = new ArrayList<>();
      List<Arg> cmd = new ArrayList<>();
      while (true) {
        skipSpace();
        if (i >= s.length() || s.charAt(i) == ')') break;
        char c = s.charAt(i);
        if (c == '|') {
          if (cmd.isEmpty()) throw error("missing command before '|'");
          cmds.add(cmd);
          cmd = new ArrayList<>();
          i++;
          continue;
        }
        cmd.add(operand());
      }
      if (cmd.isEmpty()) throw error(cmds.isEmpty() ? "missing value for command" : "missing command after '|'");
      cmds.add(cmd);
      Arg head = cmds.get(0).get(0);
      if (head instanceof Ident id && KEYWORDS.contains(id.name())) {
        throw new TemplateException("template: :" + line(all, base) + ": {{" + id.name()
            + "}} is not supported (Berth's --format takes fields, pipelines and functions: json, upper, lower, title, "
            + "join, split, index, len, pad, truncate)");
      }
      return cmds;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private Arg operand() {
      char c = s.charAt(i);
      int pos = base + i;
      if (c == '(') {
        i++;
        List<List<Arg>> sub = pipeline();
        if (i >= s.length() || s.charAt(i) != ')') throw error("unclosed left paren");
        i++;
        return new Sub(sub);
      }
      if (c == '.') {
        if (i + 1 >= s.length() || !isIdentStart(s.charAt(i + 1))) {
          i++;
          return new Dot();
        }
        List<String> path = new ArrayList<>();
        while (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && isIdentStart(s.charAt(i + 1))) {
          i++;
          int from = i;
          while (i < s.length() && isIdentPart(s.charAt(i))) i++;
          path.add(s.substring(from, i));
        }
        return new Field(List.copyOf(path), pos);
      }
      if (c == '"') return new Str(quoted());
      if (c == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0) throw error("unterminated raw quoted string");
        String v = s.substring(i + 1, end);
        i = end + 1;
        return new Str(v);
      }
      if (Character.isDigit(c) || c == '-') {
        int from = i++;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        try {
          return new Num(new BigDecimal(s.substring(from, i)));
        } catch (NumberFormatException e) {
          throw error("bad number syntax: \"" + s.substring(from, i) + "\"");
        }
      }
      if (isIdentStart(c)) {
        int from = i;
        while (i < s.length() && isIdentPart(s.charAt(i))) i++;
        String name = s.substring(from, i);
        if (!FUNCTIONS.contains(name) && !KEYWORDS.contains(name)) throw error("function \"" + name + "\" not defined");
        return new Ident(name, pos);
      }
      throw error("unexpected \"" + c + "\" in command");
    }

    private String quoted() {
      StringBuilder sb = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          sb.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> e;
          });
        } else {
          sb.append(c);
        }
      }
      if (i >= s.length()) throw error("unterminated quoted string");
      i++;
      return sb.toString();
    }

    private static boolean isIdentStart(char c) {
      return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }
  }

  // ---------------------------------------------------------------- execution

  /**
   * Executes against {@code dot}. {@code missingKeyError}: a map key that is not there is an
   * error (docker's inspect) instead of {@code <no value>}.
   */
  public String execute(Object dot, boolean missingKeyError) {
    return new Run(missingKeyError, null).all(dot);
  }

  /**
   * The table header docker prints: the template run against the context's headers (field name →
   * column title), with functions left out so {@code {{upper .Names}}} still heads NAMES.
   */
  public String header(Map<String, String> headers) {
    return new Run(false, headers).all(headers);
  }

  private final class Run {
    private final boolean missingKeyError;
    private final Map<String, String> headers;

    Run(boolean missingKeyError, Map<String, String> headers) {
      this.missingKeyError = missingKeyError;
      this.headers = headers;
    }

    String all(Object dot) {
      StringBuilder out = new StringBuilder();
      for (Node n : nodes) {
        if (n instanceof Text t) out.append(t.text());
        else out.append(text(pipeline(((Action) n), ((Action) n).pipeline(), dot)));
      }
      return out.toString();
    }

    private Object pipeline(Action at, List<List<Arg>> cmds, Object dot) {
      Object value = null;
      boolean piped = false;
      for (List<Arg> cmd : cmds) {
        value = command(at, cmd, dot, value, piped);
        piped = true;
      }
      return value;
    }

    private Object command(Action at, List<Arg> cmd, Object dot, Object piped, boolean hasPiped) {
      Arg head = cmd.get(0);
      List<Object> args = new ArrayList<>();
      for (Arg a : cmd.subList(1, cmd.size())) args.add(operand(at, a, dot));
      if (hasPiped) args.add(piped);
      if (head instanceof Ident id) return function(at, id, args);
      if (head instanceof Field f && !args.isEmpty()) {
        Object owner = walk(at, f, dot, f.path().size() - 1);
        String method = f.path().get(f.path().size() - 1);
        if (headers != null) return method.toUpperCase(Locale.ROOT);
        Object r = owner instanceof Fields fs ? fs.call(method, args) : null;
        if (r == null) throw exec(at, f.pos(), "<" + dotted(f) + ">", "can't give argument to non-function " + dotted(f));
        return r;
      }
      if (!args.isEmpty()) throw exec(at, at.pos(), "", "can't give argument to non-function");
      return operand(at, head, dot);
    }

    private Object operand(Action at, Arg a, Object dot) {
      if (a instanceof Dot) return dot;
      if (a instanceof Str s) return s.value();
      if (a instanceof Num n) return n.value();
      if (a instanceof Sub sub) return pipeline(at, sub.pipeline(), dot);
      if (a instanceof Ident id) return function(at, id, List.of());
      Field f = (Field) a;
      return walk(at, f, dot, f.path().size());
    }

    /** The first {@code steps} names of the field path, looked up from dot. */
    private Object walk(Action at, Field f, Object dot, int steps) {
      Object v = dot;
      for (int k = 0; k < steps; k++) {
        String name = f.path().get(k);
        String where = "<" + dotted(f, k + 1) + ">";
        if (v instanceof Fields fs) {
          if (!fs.fields().containsKey(name)) {
            throw exec(at, f.pos(), where, "can't evaluate field " + name + " in type " + fs.typeName());
          }
          v = fs.fields().get(name);
        } else if (v instanceof Map<?, ?> m) {
          if (!m.containsKey(name)) {
            if (missingKeyError) throw exec(at, f.pos(), where, "map has no entry for key \"" + name + "\"");
            v = null;
          } else {
            v = m.get(name);
          }
        } else if (v == null) {
          throw exec(at, f.pos(), where, "nil pointer evaluating interface {}." + name);
        } else {
          throw exec(at, f.pos(), where, "can't evaluate field " + name + " in type " + goType(v));
        }
      }
      return v;
    }

    private Object function(Action at, Ident id, List<Object> args) {
      String name = id.name();
      if (headers != null && List.of("json", "upper", "lower", "title", "join", "split", "truncate").contains(name)) {
        return args.isEmpty() ? "" : args.get(0); // docker's header functions leave the column title alone
      }
      return switch (name) {
        case "json" -> json(arity(at, id, args, 1).get(0));
        case "upper" -> text(arity(at, id, args, 1).get(0)).toUpperCase(Locale.ROOT);
        case "lower" -> text(arity(at, id, args, 1).get(0)).toLowerCase(Locale.ROOT);
        case "title" -> title(text(arity(at, id, args, 1).get(0)));
        case "join" -> {
          arity(at, id, args, 2);
          Object l = args.get(0);
          yield l == null ? "" : String.join(text(args.get(1)), list(l).stream().map(GoTemplate::text).toList());
        }
        case "split" -> Arrays.asList(text(arity(at, id, args, 2).get(0)).split(java.util.regex.Pattern.quote(text(args.get(1))), -1));
        case "index" -> index(at, id, args);
        case "len" -> {
          Object v = arity(at, id, args, 1).get(0);
          yield BigInteger.valueOf(v instanceof Map<?, ?> m ? m.size() : v instanceof List<?> l ? l.size() : text(v).length());
        }
        case "pad" -> {
          String v = text(arity(at, id, args, 3).get(0));
          yield v.isEmpty() ? v : " ".repeat(integer(args.get(1))) + v + " ".repeat(integer(args.get(2)));
        }
        case "truncate" -> {
          String v = text(arity(at, id, args, 2).get(0));
          int n = integer(args.get(1));
          yield v.length() < n ? v : v.substring(0, n);
        }
        default -> throw new TemplateException("template: :" + line(at.source(), id.pos()) + ": function \"" + name + "\" not defined");
      };
    }

    private Object index(Action at, Ident id, List<Object> args) {
      if (args.isEmpty()) throw exec(at, id.pos(), "<index>", "wrong number of args for index: want at least 1 got 0");
      Object v = args.get(0);
      for (Object key : args.subList(1, args.size())) {
        if (v instanceof Map<?, ?> m) v = m.get(text(key));
        else if (v instanceof Fields fs) v = fs.fields().get(text(key));
        else if (v instanceof List<?> l) {
          int k = integer(key);
          if (k < 0 || k >= l.size()) throw exec(at, id.pos(), "<index>", "error calling index: index out of range: " + k);
          v = l.get(k);
        } else {
          throw exec(at, id.pos(), "<index>", "error calling index: can't index item of type " + goType(v));
        }
      }
      return v;
    }

    private List<Object> arity(Action at, Ident id, List<Object> args, int want) {
      if (args.size() != want) {
        throw exec(at, id.pos(), "<" + id.name() + ">", "wrong number of args for " + id.name() + ": want " + want + " got " + args.size());
      }
      return args;
    }

    private TemplateException exec(Action at, int pos, String where, String what) {
      return new TemplateException("template: :" + lineCol(at.source(), pos) + ": executing \"\" at " + where + ": " + what);
    }
  }

  private static String dotted(Field f) {
    return dotted(f, f.path().size());
  }

  private static String dotted(Field f, int n) {
    return "." + String.join(".", f.path().subList(0, n));
  }

  private static int integer(Object v) {
    try {
      return v instanceof Number n ? n.intValue() : Integer.parseInt(text(v));
    } catch (NumberFormatException e) {
      throw new TemplateException("template: expected an integer, got " + text(v));
    }
  }

  private static List<?> list(Object v) {
    if (v instanceof List<?> l) return l;
    throw new TemplateException("template: expected a list, got " + goType(v));
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      sb.append(start ? Character.toTitleCase(c) : c);
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return sb.toString();
  }

  private static String goType(Object v) {
    if (v instanceof String) return "string";
    if (v instanceof Boolean) return "bool";
    if (v instanceof Number) return "json.Number";
    if (v instanceof List<?>) return "[]interface {}";
    if (v instanceof Map<?, ?>) return "map[string]interface {}";
    return v.getClass().getSimpleName();
  }

  /** {@code {{json v}}}: a context's fields with keys sorted, like docker's MarshalJSON. */
  static String json(Object v) {
    if (!(v instanceof Fields f)) return JsonText.compact(v);
    // a formatter context's MarshalJSON is Go's json.Marshal: < > & escaped as Go escapes them
    return f.json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /** How Go's fmt prints a value in a template. */
  static String text(Object v) {
    if (v == null) return "<no value>";
    if (v instanceof String s) return s;
    if (v instanceof BigDecimal d) return d.toPlainString();
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) sb.append(' ');
        first = false;
        sb.append(e.getKey()).append(':').append(e.getValue() == null ? "<nil>" : text(e.getValue()));
      }
      return sb.append(']').toString();
    }
    if (v instanceof List<?> l) {
      return "[" + String.join(" ", l.stream().map(x -> x == null ? "<nil>" : text(x)).toList()) + "]";
    }
    if (v instanceof Fields f) return "{" + String.join(" ", f.fields().values().stream().map(GoTemplate::text).toList()) + "}";
    return String.valueOf(v);
  }

  @Override
  public String toString() {
    return source;
  }
}
