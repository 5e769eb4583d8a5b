package org.flowwatch.jobs.flowaggregation;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged at INFO and above while it is open (every logger: Flink, the Kafka clients, ours), as the lines a
 * log file would hold, stack traces included; the console keeps its usual WARN threshold meanwhile.
 */
final class LogCapture implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final LoggerConfig root = context.getConfiguration().getRootLogger();
  private final Level level = root.getLevel();
  private final Appender capture;
  private final List<Appender> others;

  LogCapture() {
    PatternLayout layout = PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build();
    capture = new AbstractAppender("capture", null, layout, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        synchronized (lines) {
          lines.add(getLayout().toSerializable(event).toString());
        }
      }
    };
    capture.start();
    others = List.copyOf(root.getAppenders().values());
    others.forEach(appender -> {
      root.removeAppender(appender.getName());
      root.addAppender(appender, level, null);
    });
    root.addAppender(capture, Level.INFO, null);
    root.setLevel(Level.INFO);
    context.updateLoggers();
  }

  /** The captured log, one string. */
  String text() {
    synchronized (lines) {
      return String.join("", lines);
    }
  }

  @Override
  public void close() {
    root.removeAppender(capture.getName());
    others.forEach(appender -> {
      root.removeAppender(appender.getName());
      root.addAppender(appender, null, null);
    });
    root.setLevel(level);
    context.updateLoggers();
    capture.stop();
  }
}
