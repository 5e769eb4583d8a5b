package org.flowwatch.jobs.alertdelivery.channels;

import java.io.Serializable;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings;
import org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookSettings;

/**
 * How the job reaches its webhook and email channels, and where its secrets are. The secrets themselves are read on
 * the task managers ({@link Secrets#load}), never shipped in the job graph.
 *
 * @param secretsFile the secrets file, or null for the environment only
 */
public record ChannelSettings(WebhookSettings webhook, SmtpSettings smtp, String secretsFile) implements Serializable {}
