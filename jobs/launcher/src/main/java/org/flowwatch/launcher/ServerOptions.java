package org.flowwatch.launcher;

import picocli.CommandLine.Option;

/** The server options the commands share, declared once (picocli mixins): same names, defaults and help everywhere. */
final class ServerOptions {
  private ServerOptions() {}

  /** {@code --kafka}: the demo's broker by default. */
  static final class Kafka {
    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
  }

  /** {@code --elasticsearch}: the demo's server by default. */
  static final class Elasticsearch {
    @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200",
        description = "Elasticsearch URL (default: ${DEFAULT-VALUE}).")
    String url;
  }
}
