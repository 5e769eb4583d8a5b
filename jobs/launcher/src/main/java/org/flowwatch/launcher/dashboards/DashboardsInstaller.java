package org.flowwatch.launcher.dashboards;

import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSecurity;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.flowwatch.dashboards.kibana.GenerateSavedObjects;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;

/**
 * Installs what the dashboards need, idempotently: the lifecycle policies (where the cluster has index lifecycle
 * management), the index templates (a template is written when missing or when the shipped one has a higher version;
 * an installed template of the same version but other content is an error, because a changed template must be a new
 * version), then the Kibana saved objects through the import API (existing objects are kept unless
 * {@code overwrite}). With lifecycle management, each template's indices get the policy of the same name and take
 * their origination date from their month suffix.
 */
public final class DashboardsInstaller {
  private static final String TEMPLATES = "/flowwatch/dashboards/elasticsearch/index-templates/";
  private static final String POLICIES = "/flowwatch/dashboards/elasticsearch/lifecycle-policies/";

  private final PrintStream out;

  public DashboardsInstaller(PrintStream out) {
    this.out = out;
  }

  public void installTemplates(ElasticsearchConnection connection) throws InstallFailure {
    HttpJson elasticsearch = new HttpJson("Elasticsearch", connection.url(), connection.security());
    JsonNode health = elasticsearch.expectOk(HttpJson.get(), "/_cluster/health", "report its health");
    out.println("Elasticsearch cluster " + health.path("cluster_name").asText("?") + " (" + health.path("status")
        .asText("?") + ") at " + elasticsearch.url());
    boolean lifecycle = installLifecyclePolicies(elasticsearch);
    for (String name : IndexTemplates.ALL) {
      String template = shipped(TEMPLATES + name + ".json");
      boolean dated = parse(shipped(POLICIES + name + ".json")).at("/policy/_meta/index_names").asText()
          .equals("dated");
      installTemplate(elasticsearch, name, lifecycle ? withLifecyclePolicy(template, name, dated) : template);
    }
  }

  /** Installs the policies if the cluster has lifecycle management; says so and goes on if it has not. */
  private boolean installLifecyclePolicies(HttpJson elasticsearch) throws InstallFailure {
    HttpResponse<String> status = elasticsearch.send(HttpJson.get(), "/_ilm/status");
    if (status.statusCode() != 200) {
      out.println("  lifecycle policies: not installed, this cluster has no index lifecycle management (answered "
          + status.statusCode() + "); indices are kept until deleted by hand");
      return false;
    }
    for (String name : IndexTemplates.ALL) {
      elasticsearch.expectOk(HttpJson.json("PUT", shipped(POLICIES + name + ".json")), "/_ilm/policy/" + name,
          "install lifecycle policy " + name);
      out.println("  lifecycle policy " + name + ": installed");
    }
    return true;
  }

  /**
   * The template with its indices attached to the lifecycle policy of the same name; dated indices (see DatedIndex)
   * take their origination date from their name.
   */
  static String withLifecyclePolicy(String template, String policy, boolean dated) throws InstallFailure {
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) parse(template);
    com.fasterxml.jackson.databind.node.ObjectNode settings =
        (com.fasterxml.jackson.databind.node.ObjectNode) tree.with("template").with("settings");
    settings.put("index.lifecycle.name", policy);
    if (dated) {
      settings.put("index.lifecycle.parse_origination_date", true);
    }
    return tree.toString();
  }

  private void installTemplate(HttpJson elasticsearch, String name, String body) throws InstallFailure {
    JsonNode template = parse(body);
    int version = template.path("version").asInt(0);
    HttpResponse<String> existing = elasticsearch.send(HttpJson.get(), "/_index_template/" + name);
    if (existing.statusCode() == 200) {
      JsonNode installed = parse(existing.body()).at("/index_templates/0/index_template");
      int installedVersion = installed.path("version").asInt(0);
      if (installedVersion > version) {
        throw new InstallFailure("Elasticsearch at " + elasticsearch.url() + " has index template " + name
            + " version " + installedVersion + ", newer than this release's " + version + "; not downgrading it");
      }
      if (installedVersion == version) {
        if (!sameContent(installed, template)) {
          throw new InstallFailure("index template " + name + " version " + version + " at " + elasticsearch.url()
              + " differs from the shipped one: a changed template needs a new version number");
        }
        out.println("  index template " + name + " v" + version + ": unchanged");
        return;
      }
    } else if (existing.statusCode() != 404) {
      throw new InstallFailure("Elasticsearch at " + elasticsearch.url() + " answered " + existing.statusCode()
          + " when asked for index template " + name + ": " + HttpJson.abbreviate(existing.body()));
    }
    elasticsearch.expectOk(HttpJson.json("PUT", body), "/_index_template/" + name, "install index template " + name);
    out.println("  index template " + name + " v" + version + ": installed");
  }

  /**
   * Whether the installed template holds what we ship: the patterns and the mappings. Elasticsearch keeps what it was
   * sent, but a client that sends it through a typed model (the jobs' own installer) writes defaults out, such as
   * {@code "type": "object"} on object fields; both sides are compared with those defaults spelt out.
   */
  static boolean sameContent(JsonNode installed, JsonNode shipped) {
    return installed.path("index_patterns").equals(shipped.path("index_patterns"))
        && withObjectTypes(installed.at("/template/mappings")).equals(withObjectTypes(shipped.at("/template/mappings")));
  }

  private static JsonNode withObjectTypes(JsonNode mappings) {
    JsonNode copy = mappings.deepCopy();
    spellOutObjectTypes(copy.path("properties"));
    return copy;
  }

  private static void spellOutObjectTypes(JsonNode properties) {
    properties.elements().forEachRemaining(field -> {
      if (field.has("properties")) {
        if (!field.has("type")) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) field).put("type", "object");
        }
        spellOutObjectTypes(field.get("properties"));
      }
    });
  }

  /**
   * Imports the saved objects. Without {@code overwrite}, objects that already exist are left as they are and
   * reported; with it, they are replaced.
   */
  public void importSavedObjects(String kibanaUrl, boolean overwrite) throws InstallFailure {
    HttpJson kibana = new HttpJson("Kibana", kibanaUrl, ElasticsearchSecurity.none());
    JsonNode status = kibana.expectOk(HttpRequest.newBuilder().GET(), "/api/status", "answer its status endpoint");
    out.println("Kibana " + status.at("/version/number").asText("?") + " at " + kibana.url());
    String ndjson = shipped(GenerateSavedObjects.RESOURCE);
    String boundary = "flowwatch-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"flowwatch-saved-objects.ndjson\"\r\n"
        + "Content-Type: application/ndjson\r\n\r\n"
        + ndjson + "\r\n--" + boundary + "--\r\n";
    JsonNode result = kibana.expectOk(HttpRequest.newBuilder()
            .header("kbn-xsrf", "flowwatch")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
        "/api/saved_objects/_import?overwrite=" + overwrite, "import the saved objects");
    int objects = ndjson.split("\n").length;
    int conflicts = 0;
    StringBuilder problems = new StringBuilder();
    for (JsonNode error : result.path("errors")) {
      String type = error.at("/error/type").asText();
      if (type.equals("conflict") && !overwrite) {
        conflicts++;
      } else {
        problems.append("\n  ").append(error.path("type").asText()).append(' ').append(error.path("id").asText())
            .append(": ").append(error.path("error"));
      }
    }
    if (problems.length() > 0) {
      throw new InstallFailure("Kibana at " + kibana.url() + " refused some saved objects:" + problems);
    }
    out.println("  saved objects: " + result.path("successCount").asInt() + " of " + objects + " imported"
        + (conflicts > 0 ? ", " + conflicts + " already there and kept (--overwrite replaces them)" : ""));
  }

  private static String shipped(String resource) {
    try (InputStream in = DashboardsInstaller.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the build: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) throws InstallFailure {
    try {
      return HttpJson.JSON.readTree(json);
    } catch (IOException e) {
      throw new InstallFailure("not JSON: " + HttpJson.abbreviate(json));
    }
  }
}
