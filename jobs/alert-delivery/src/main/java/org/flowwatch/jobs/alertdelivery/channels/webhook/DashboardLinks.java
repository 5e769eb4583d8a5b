package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard link each alert carries, from a configured template: {@code {alertId}} in it becomes the alert's id
 * (URL-encoded), so a deployment can point at a view filtered on the alert; a template without it links the same page
 * for every alert. No template: no link.
 */
public record DashboardLinks(String template) implements Serializable {
  public static final String ALERT_ID = "{alertId}";

  /** The link for this alert, or null when no template is configured. */
  public String forAlert(String alertId) {
    if (template == null || template.isBlank()) {
      return null;
    }
    return template.replace(ALERT_ID, URLEncoder.encode(alertId, StandardCharsets.UTF_8));
  }
}
