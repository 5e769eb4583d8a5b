package org.flowwatch.jobs.alertdelivery.channels.email;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import org.flowwatch.schema.delivery.Language;

/**
 * The email texts, from logic-less Mustache templates under {@code flowwatch/templates/email/<language>/}: for an alert
 * message {@code subject}, {@code text} and {@code html}; for the owner's notice of a disabled endpoint
 * {@code endpoint-disabled-subject} and {@code endpoint-disabled-text}. The HTML part escapes every value; the subject
 * and the text part are not HTML, so they show values as they are. Compiled once; safe to share between threads.
 */
public final class EmailTemplates {
  private static final String ROOT = "flowwatch/templates/email";

  private final MustacheFactory html = new DefaultMustacheFactory(ROOT);
  private final MustacheFactory plain = new DefaultMustacheFactory(ROOT) {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** An email's three texts. */
  public record Rendered(String subject, String text, String html) {}

  public Rendered alert(EmailView view, Language language) {
    return new Rendered(subject(render(plain, language, "subject", view)), render(plain, language, "text", view),
        render(html, language, "html", view));
  }

  /** Subject and text of the notice that an endpoint was disabled; the view is read by name. */
  public Rendered endpointDisabled(Map<String, Object> view, Language language) {
    return new Rendered(subject(render(plain, language, "endpoint-disabled-subject", view)),
        render(plain, language, "endpoint-disabled-text", view), null);
  }

  private static String render(MustacheFactory factory, Language language, String name, Object view) {
    Mustache template = factory.compile(language.name().toLowerCase(Locale.ROOT) + "/" + name + ".mustache");
    StringWriter out = new StringWriter();
    template.execute(out, view);
    return out.toString();
  }

  /**
   * One line: a value with a line break (an area name from reference data, say) must not end the Subject header and
   * start another.
   */
  private static String subject(String rendered) {
    return rendered.replaceAll("\\s+", " ").strip();
  }
}
