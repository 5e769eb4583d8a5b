package org.flowwatch.dashboards.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Every index template has a lifecycle policy of its name, as the install command expects, each deleting old dated
 * indices; and every template's patterns match the dated names the jobs write. (The Elasticsearch here has no
 * lifecycle management, so the policies themselves can only be checked as files.)
 */
class LifecyclePolicyFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eachTemplateHasAPolicyThatDeletesOldMonths() throws Exception {
    for (String name : Templates.NAMES) {
      if (name.equals("flowwatch-points")) {
        continue; // reference data: one index, never aged out
      }
      JsonNode policy;
      try (InputStream in = getClass().getResourceAsStream(
          "/flowwatch/dashboards/elasticsearch/lifecycle-policies/" + name + ".json")) {
        assertThat(in).as("lifecycle policy for " + name).isNotNull();
        policy = JSON.readTree(in);
      }
      assertThat(policy.at("/policy/phases/delete/actions").has("delete")).as(name).isTrue();
      assertThat(policy.at("/policy/phases/delete/min_age").asText()).as(name).matches("\\d+d");
      assertThat(policy.at("/policy/_meta/managed_by").asText()).isEqualTo("flowwatch");
    }
  }

  @Test
  void templatePatternsMatchTheMonthlyIndexNames() {
    assertThat(matches("flowwatch-flows", "flowwatch-flows-hourly-2024.01.01")).isTrue();
    assertThat(matches("flowwatch-flows", "flowwatch-flows-demo-published-daily-2024.01.01")).isTrue();
    assertThat(matches("flowwatch-alerts", "flowwatch-alerts-2024.03.01")).isTrue();
    assertThat(matches("flowwatch-rejected", "flowwatch-rejected-2024.03.01")).isTrue();
    assertThat(matches("flowwatch-duplicates", "flowwatch-duplicates-2024.03.01")).isTrue();
    assertThat(matches("flowwatch-deliveries", "flowwatch-deliveries-2024.03.01")).isTrue();
  }

  private static boolean matches(String template, String index) {
    for (JsonNode pattern : Templates.template(template).get("index_patterns")) {
      if (index.matches(pattern.asText().replace(".", "\\.").replace("*", ".*"))) {
        return true;
      }
    }
    return false;
  }
}
