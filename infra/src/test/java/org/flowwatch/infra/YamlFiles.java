package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML files as Jackson trees. Read with SnakeYAML, which resolves anchors and merge keys ({@code <<: *x}, used by the
 * compose file) the way YAML 1.1 tools (kubectl, docker compose) do, then turned into JSON for the schema validator.
 */
final class YamlFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private YamlFiles() {}

  /** Every document of a file (a "---" separated stream), empty documents left out. */
  static List<JsonNode> documents(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<JsonNode> documents = new ArrayList<>();
      for (Object document : yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(JSON.valueToTree(document));
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The one document of a file. */
  static JsonNode document(Path file) {
    List<JsonNode> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
    }
    return documents.get(0);
  }

  static JsonNode parse(String text) {
    return JSON.valueToTree(Objects.requireNonNull(yaml().load(text), "empty YAML"));
  }

  /** Duplicate keys are refused, as kubectl and docker compose refuse them (the last one would win silently). */
  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }
}
