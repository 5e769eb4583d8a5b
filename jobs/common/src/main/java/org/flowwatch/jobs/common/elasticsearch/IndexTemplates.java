package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Installs the index templates of {@code dashboards/elasticsearch/index-templates/}, packaged on the class path by the
 * dashboards module; the file name (without .json) is the template name. Installing is idempotent.
 */
public final class IndexTemplates {
  /** Template for flowwatch-flows-* (hourly flow aggregates). */
  public static final String FLOWS = "flowwatch-flows";
  /** Template for flowwatch-alerts (alert episodes). */
  public static final String ALERTS = "flowwatch-alerts";
  /** Template for flowwatch-rejected (rejected input records). */
  public static final String REJECTED = "flowwatch-rejected";
  /** Template for flowwatch-duplicates (resent records). */
  public static final String DUPLICATES = "flowwatch-duplicates";
  /** Template for flowwatch-points (monitoring points, reference data). */
  public static final String POINTS = "flowwatch-points";
  /** Template for flowwatch-deliveries (the alert delivery log, one document per attempt). */
  public static final String DELIVERIES = "flowwatch-deliveries";
  public static final List<String> ALL = List.of(FLOWS, ALERTS, REJECTED, DUPLICATES, POINTS, DELIVERIES);

  private static final String ROOT = "/flowwatch/dashboards/elasticsearch/index-templates/";

  private IndexTemplates() {}

  public static void installAll(ElasticsearchClient client) {
    ALL.forEach(name -> install(client, name));
  }

  public static void install(ElasticsearchClient client, String name) {
    String path = ROOT + name + ".json";
    try (InputStream template = IndexTemplates.class.getResourceAsStream(path)) {
      if (template == null) {
        throw new IllegalStateException("index template missing from the class path: " + path);
      }
      client.indices().putIndexTemplate(request -> request.name(name).withJson(template));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install index template " + name, e);
    }
  }
}
