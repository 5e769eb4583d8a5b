package org.flowwatch.launcher.board;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives a test class's methods a {@link HeadlessChromium} parameter: one browser for the class,
 * started before its first test and closed after its last. Chromium is installed first when it is missing and this
 * process may install it ({@link HeadlessChromium#check}); otherwise each test is skipped, saying why.
 */
public final class ChromiumBrowser implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumBrowser.class);
  private static final String BROWSER = "browser";
  private static final String AVAILABILITY = "availability";

  @Override
  public void beforeAll(ExtensionContext context) {
    HeadlessChromium.Availability availability = HeadlessChromium.check(true);
    context.getStore(NAMESPACE).put(AVAILABILITY, availability);
    if (availability.available()) {
      // Closed with the class's store, after its last test: JUnit closes AutoCloseable values it holds.
      context.getStore(NAMESPACE).getOrComputeIfAbsent(BROWSER, key -> HeadlessChromium.start(),
          HeadlessChromium.class);
    }
  }

  /** Skips each test rather than the class: Maven's reports show skipped tests with the reason, not skipped classes. */
  @Override
  public void beforeEach(ExtensionContext context) {
    HeadlessChromium.Availability availability =
        context.getStore(NAMESPACE).get(AVAILABILITY, HeadlessChromium.Availability.class);
    Assumptions.assumeTrue(availability.available(), () -> "the browser tests need Chromium: " + availability.reason());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HeadlessChromium.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // A method's store looks up its class's, where beforeAll put the browser.
    return context.getStore(NAMESPACE).get(BROWSER, HeadlessChromium.class);
  }
}
