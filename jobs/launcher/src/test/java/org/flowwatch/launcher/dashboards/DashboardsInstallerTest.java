package org.flowwatch.launcher.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DashboardsInstallerTest {
  @Test
  void attachesTheLifecyclePolicyWithoutTouchingTheMappings() throws Exception {
    String template = "{\"index_patterns\":[\"flowwatch-alerts*\"],\"version\":1,\"template\":{\"settings\":"
        + "{\"number_of_shards\":1},\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"a\":{\"type\":\"keyword\"}}}}}";
    JsonNode attached = HttpJson.JSON.readTree(DashboardsInstaller.withLifecyclePolicy(template, "flowwatch-alerts",
        true));
    JsonNode original = HttpJson.JSON.readTree(template);

    assertThat(attached.at("/template/settings/index.lifecycle.name").asText()).isEqualTo("flowwatch-alerts");
    assertThat(attached.at("/template/settings/index.lifecycle.parse_origination_date").asBoolean()).isTrue();
    assertThat(attached.at("/template/settings/number_of_shards").asInt()).isEqualTo(1);
    assertThat(attached.at("/template/mappings")).isEqualTo(original.at("/template/mappings"));
    assertThat(attached.get("version")).isEqualTo(original.get("version"));
    JsonNode single = HttpJson.JSON.readTree(DashboardsInstaller.withLifecyclePolicy(template, "flowwatch-points",
        false));
    assertThat(single.at("/template/settings").has("index.lifecycle.parse_origination_date")).isFalse();
  }

  @Test
  void aTemplateStoredWithItsDefaultsSpeltOutIsTheSameContent() throws Exception {
    JsonNode shipped = HttpJson.JSON.readTree("{\"index_patterns\":[\"x*\"],\"template\":{\"mappings\":{\"properties\":"
        + "{\"v\":{\"properties\":{\"a\":{\"type\":\"long\"}}}}}}}");
    JsonNode stored = HttpJson.JSON.readTree("{\"index_patterns\":[\"x*\"],\"template\":{\"mappings\":{\"properties\":"
        + "{\"v\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"long\"}}}}}}}");
    JsonNode changed = HttpJson.JSON.readTree("{\"index_patterns\":[\"x*\"],\"template\":{\"mappings\":{\"properties\":"
        + "{\"v\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"keyword\"}}}}}}}");

    assertThat(DashboardsInstaller.sameContent(stored, shipped)).isTrue();
    assertThat(DashboardsInstaller.sameContent(changed, shipped)).isFalse();
  }
}
