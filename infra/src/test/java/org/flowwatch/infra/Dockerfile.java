package org.flowwatch.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What infra/kubernetes/Dockerfile builds on and copies, with its ARG defaults filled in. */
record Dockerfile(String baseImage, Map<String, String> copiedFiles) {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  static Dockerfile read() {
    Path file = Project.kubernetes().resolve("Dockerfile");
    List<String> instructions;
    try {
      instructions = Arrays.stream(Files.readString(file).replace("\\\n", " ").split("\n"))
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String baseImage = null;
    Map<String, String> arguments = new LinkedHashMap<>();
    Map<String, String> copiedFiles = new LinkedHashMap<>();
    for (String instruction : instructions) {
      String[] words = instruction.split("\\s+");
      switch (words[0]) {
        case "FROM" -> baseImage = words[1];
        case "ARG" -> {
          String[] argument = words[1].split("=", 2);
          arguments.put(argument[0], argument.length == 2 ? argument[1] : "");
        }
        case "COPY" -> {
          List<String> paths = Arrays.stream(words).skip(1).filter(word -> !word.startsWith("--")).toList();
          copiedFiles.put(expand(paths.get(paths.size() - 1), arguments), expand(paths.get(0), arguments));
        }
        default -> { }
      }
    }
    return new Dockerfile(baseImage, copiedFiles);
  }

  private static String expand(String text, Map<String, String> arguments) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (matcher.find()) {
      String value = arguments.get(matcher.group(1));
      if (value == null) {
        throw new AssertionError("the Dockerfile uses ${" + matcher.group(1) + "} before an ARG declares it");
      }
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(expanded).toString();
  }
}
