package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** infra/compose/compose.yaml, and the shell lines of its one-shot services split into words. */
final class ComposeFile {
  private ComposeFile() {}

  static JsonNode read() {
    return YamlFiles.document(Project.compose());
  }

  static JsonNode service(String name) {
    JsonNode service = read().path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError("compose.yaml has no service " + name);
    }
    return service;
  }

  /**
   * The lines of a service's script (entrypoint bash -c, the script as its command) that call {@code function}, each
   * split into words as bash would (double quotes group), without the function's name. Compose's "$$" is "$".
   */
  static List<List<String>> calls(String service, String function) {
    String script = service(service).path("command").path(0).asText().replace("$$", "$");
    List<List<String>> calls = new ArrayList<>();
    for (String line : script.split("\n")) {
      List<String> words = words(line.strip());
      if (!words.isEmpty() && words.get(0).equals(function)) {
        calls.add(words.subList(1, words.size()));
      }
    }
    return calls;
  }

  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new AssertionError("unbalanced quote in: " + line);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
