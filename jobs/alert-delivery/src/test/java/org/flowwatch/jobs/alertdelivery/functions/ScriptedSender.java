package org.flowwatch.jobs.alertdelivery.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelSender;
import org.flowwatch.schema.delivery.AlertMessage;

/**
 * A channel that answers from a script, for the operator harness tests of the delivery logic (the real channels are
 * tested against a real HTTP receiver and a real SMTP server). Scripts live in a static registry under a name, since
 * the operator gets a serialized copy of its factory.
 */
final class ScriptedSender implements ChannelSender {
  private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

  static final class Script {
    final Deque<ChannelResult> answers = new ConcurrentLinkedDeque<>();
    final List<String> sent = new ArrayList<>();
    final List<String> ownersTold = new ArrayList<>();

    Script answer(ChannelResult... results) {
      answers.addAll(List.of(results));
      return this;
    }
  }

  static Script script(String name) {
    Script script = new Script();
    SCRIPTS.put(name, script);
    return script;
  }

  static ChannelSender.Factory factory(String name) {
    return () -> new ScriptedSender(SCRIPTS.get(name));
  }

  /** An answer that makes the channel throw instead of answering, as a rendering bug would. */
  static final ChannelResult THROWS = new ChannelResult(ChannelResult.Verdict.REFUSED, null, "throws", null, 0);

  static ChannelResult ok() {
    return ChannelResult.delivered(204, 3);
  }

  static ChannelResult serverError() {
    return ChannelResult.retry(500, "the endpoint answered 500", null, 3);
  }

  static ChannelResult tooManyRequests(Duration retryAfter) {
    return ChannelResult.retry(429, "the endpoint answered 429", retryAfter, 3);
  }

  static ChannelResult gone() {
    return new ChannelResult(ChannelResult.Verdict.GONE, 410, "the endpoint answered 410 Gone", null, 3);
  }

  static ChannelResult refused() {
    return new ChannelResult(ChannelResult.Verdict.REFUSED, 400, "the endpoint answered 400", null, 3);
  }

  private final Script script;

  private ScriptedSender(Script script) {
    this.script = script;
  }

  @Override
  public ChannelResult send(AlertMessage message, ChannelNames channel) {
    synchronized (script) {
      script.sent.add(message.getId());
    }
    ChannelResult answer = script.answers.poll();
    if (answer == THROWS) {
      throw new IllegalStateException("the channel could not render the message");
    }
    return answer == null ? ok() : answer;
  }

  @Override
  public void endpointDisabled(AlertMessage message, ChannelNames channel, ChannelResult answer) {
    synchronized (script) {
      script.ownersTold.add(message.getSubscription().getOwner() + " " + channel);
    }
  }
}
