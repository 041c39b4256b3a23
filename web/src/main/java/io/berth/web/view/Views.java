package io.berth.web.view;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.berth.web.http.Htmx;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled jte templates: {@code page/X.jte} for a plain request,
 * {@code fragment/X.jte} for an htmx one.
 */
public final class Views {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Whole page or its fragment, depending on who asks. */
  public void respond(Context ctx, String name, Map<String, Object> params) {
    ctx.html(render((Htmx.isHtmx(ctx) ? "fragment/" : "page/") + name + ".jte", params));
  }

  public void page(Context ctx, String name, Map<String, Object> params) {
    ctx.html(render("page/" + name + ".jte", params));
  }

  public void fragment(Context ctx, String name, Map<String, Object> params) {
    ctx.html(render("fragment/" + name + ".jte", params));
  }

  public String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }
}
