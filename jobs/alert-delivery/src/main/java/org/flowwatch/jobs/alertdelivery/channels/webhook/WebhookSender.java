package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.flowwatch.jobs.alertdelivery.channels.cap.CapMessages;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.WebhookChannel;

/**
 * Sends a message to one webhook endpoint as signed POST requests (Standard Webhooks) and says what came of it.
 *
 * <p>In the JSON format the message is one request whose {@code webhook-id} is the message id. In the CAP format each
 * alert change is a request of its own, {@code webhook-id} the idempotency key of that (alert, revision): the message
 * is delivered when every one was accepted; sending stops at the first that was not, and a retry sends them all again
 * (the receiver deduplicates on {@code webhook-id}). Bodies are the same on every attempt; {@code webhook-timestamp} is
 * the attempt's time, as the specification asks, so that receivers can refuse replayed requests.
 *
 * <p>Secrets are resolved by name at each attempt: a missing or malformed secret refuses the message (an operator fixes
 * the configuration, then redelivers from the dead-letter topic). Reasons name secrets and statuses, never a secret,
 * a body or the URL (which may carry a token).
 */
public final class WebhookSender {
  public static final String USER_AGENT = "flowwatch";

  private final WebhookSettings settings;
  private final Secrets secrets;
  private final Clock clock;
  private final HttpClient http;
  private final WebhookPayloads payloads;
  private final CapMessages cap;

  public WebhookSender(WebhookSettings settings, Secrets secrets) {
    this(settings, secrets, Clock.systemUTC());
  }

  WebhookSender(WebhookSettings settings, Secrets secrets, Clock clock) {
    this.settings = settings;
    this.secrets = secrets;
    this.clock = clock;
    // HTTP/1.1: every webhook receiver speaks it, and no cleartext HTTP/2 upgrade is offered to servers that choke on it.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.payloads = new WebhookPayloads(settings.dashboardLinks());
    this.cap = settings.capSender() == null ? null : new CapMessages(settings.capSender(), settings.dashboardLinks());
  }

  /** One attempt to deliver {@code message} on {@code channel}. */
  public ChannelResult send(AlertMessage message, WebhookChannel channel) {
    long started = System.nanoTime();
    StandardWebhookSigner signer;
    URI url;
    try {
      signer = StandardWebhookSigner.forSecrets(channel.getSecrets(), secrets);
      url = endpoint(channel.getUrl());
    } catch (IllegalArgumentException | Secrets.MissingSecretException configuration) {
      return refused(null, configuration.getMessage(), started);
    }
    List<Request> requests = requests(message, channel.getFormat());
    if (requests == null) {
      return refused(null, "the channel asks for CAP but the job has no CAP sender configured", started);
    }
    Attempt last = null;
    for (int i = 0; i < requests.size(); i++) {
      last = post(url, signer, requests.get(i));
      if (last.verdict() != Verdict.DELIVERED) {
        String which = requests.size() == 1 ? "" : "CAP message " + (i + 1) + " of " + requests.size() + " ("
            + requests.get(i).webhookId() + "): ";
        return new ChannelResult(last.verdict(), last.statusCode(), which + last.reason(), last.retryAfter(),
            millisSince(started));
      }
    }
    return ChannelResult.delivered(last.statusCode(), millisSince(started));
  }

  private List<Request> requests(AlertMessage message, PayloadFormat format) {
    if (format == PayloadFormat.JSON) {
      return List.of(new Request(message.getId(), WebhookPayloads.CONTENT_TYPE, payloads.json(message)));
    }
    if (cap == null) {
      return null;
    }
    List<Request> requests = new ArrayList<>();
    for (AlertChange change : message.getChanges()) {
      String id = MessageIds.of(message.getSubscription().getId(), change.getAlert().getId(),
          change.getAlert().getRevision());
      requests.add(new Request(id, CapMessages.CONTENT_TYPE, cap.xml(message, change)));
    }
    return requests;
  }

  private Attempt post(URI url, StandardWebhookSigner signer, Request request) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest httpRequest = HttpRequest.newBuilder(url)
        .timeout(settings.requestTimeout())
        .header("content-type", request.contentType())
        .header("user-agent", USER_AGENT)
        .header("webhook-id", request.webhookId())
        .header("webhook-timestamp", String.valueOf(timestamp))
        .header("webhook-signature", signer.signature(request.webhookId(), timestamp, request.body()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
        .build();
    try {
      HttpResponse<Void> response = http.send(httpRequest, HttpResponse.BodyHandlers.discarding());
      return classify(response.statusCode(), response.headers().firstValue("retry-after").orElse(null));
    } catch (HttpConnectTimeoutException e) {
      return Attempt.noAnswer("could not connect within " + settings.connectTimeout().toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      return Attempt.noAnswer("no response within " + settings.requestTimeout().toMillis() + " ms");
    } catch (ConnectException e) {
      return Attempt.noAnswer("could not connect: connection refused or unreachable");
    } catch (IOException e) {
      return Attempt.noAnswer("network error: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.noAnswer("interrupted while waiting for the endpoint");
    }
  }

  private Attempt classify(int status, String retryAfter) {
    if (status >= 200 && status < 300) {
      return new Attempt(Verdict.DELIVERED, status, null, null);
    }
    if (status == 410) {
      return new Attempt(Verdict.GONE, status, "the endpoint answered 410 Gone", null);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new Attempt(Verdict.RETRY, status, "the endpoint answered " + status,
          RetryAfter.parse(retryAfter, clock.instant()));
    }
    if (status >= 300 && status < 400) {
      return new Attempt(Verdict.REFUSED, status, "the endpoint answered " + status
          + ": redirects are not followed, configure the final URL", null);
    }
    return new Attempt(Verdict.REFUSED, status, "the endpoint answered " + status, null);
  }

  private static URI endpoint(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook URL is not a valid URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL is not an http or https URL with a host");
    }
    return uri;
  }

  private static ChannelResult refused(Integer status, String reason, long started) {
    return new ChannelResult(Verdict.REFUSED, status, reason, null, millisSince(started));
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private record Request(String webhookId, String contentType, byte[] body) {}

  private record Attempt(Verdict verdict, Integer statusCode, String reason, Duration retryAfter) {
    static Attempt noAnswer(String reason) {
      return new Attempt(Verdict.RETRY, null, reason, null);
    }
  }
}
