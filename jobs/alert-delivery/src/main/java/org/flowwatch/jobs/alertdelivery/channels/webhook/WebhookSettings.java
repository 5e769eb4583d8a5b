package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the job sends webhooks: a Flink operator holds this (it is serialisable) and builds its {@link WebhookSender}
 * in {@code open()}, because an HTTP client cannot travel with the job graph.
 *
 * @param connectTimeout how long a TCP (and TLS) connection may take
 * @param requestTimeout how long one request may take from sending to the response's headers
 * @param dashboardUrl the dashboard link each alert carries, {@code {alertId}} replaced by the alert's id; null for none
 * @param capSender the CAP {@code sender}: who issues the CAP messages, e.g. flowwatch@dtm.example.org
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout, String dashboardUrl, String capSender)
    implements Serializable {

  public WebhookSettings {
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("the webhook connect timeout must be positive, not " + connectTimeout);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the webhook request timeout must be positive, not " + requestTimeout);
    }
  }

  public DashboardLinks dashboardLinks() {
    return new DashboardLinks(dashboardUrl);
  }
}
