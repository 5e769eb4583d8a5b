package org.flowwatch.dashboards.kibana;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Build step: writes the NDJSON file {@code POST /api/saved_objects/_import} takes, one saved object per line,
 * from the sources folder, and bundles a copy of those sources beside it
 * for the board. Run by the dashboards module's build; {@code ./flowwatch dashboards install} imports it.
 */
public final class GenerateSavedObjects {
  /** Where the generated file sits on the class path. */
  public static final String RESOURCE = "/flowwatch/dashboards/kibana/flowwatch-saved-objects.ndjson";

  private GenerateSavedObjects() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: GenerateSavedObjects <sources folder> <output .ndjson>");
    }
    Path sources = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Files.createDirectories(output.getParent());
    Files.writeString(output, SavedObjects.of(KibanaSources.read(sources)).stream()
        .map(SavedObjects::compact).collect(Collectors.joining("\n", "", "\n")));
    // The board reads the bundled copy of these very files (KibanaSources.bundled): list what the NDJSON came from.
    Path bundled = output.resolveSibling("src");
    Files.createDirectories(bundled);
    List<String> names = KibanaSources.fileNames(sources);
    for (String name : names) {
      Files.copy(sources.resolve(name), bundled.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.write(bundled.resolve(KibanaSources.LIST), names);
  }
}
