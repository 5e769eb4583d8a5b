package org.flowwatch.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowwatch.simulator.replay.ObservationFiles;
import org.flowwatch.simulator.replay.Replay;
import org.flowwatch.simulator.replay.ReplayFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./flowwatch replay FILE}: feeds a file of observations into Kafka, in event-time order. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Feed a file of observations into Kafka in event-time order, with a progress line.",
        "Formats: Frontex detections CSV (route,type,nat,t,n); flowwatch CSV (" + ObservationFiles.CSV_HEADER
            + "); JSON lines (.jsonl) with the same fields.",
        "A malformed line stops the replay before anything is sent, naming the line and the problem."})
final class ReplayCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The file to replay.")
  Path file;

  @Mixin
  ServerOptions.Kafka kafka;

  @Option(names = "--topic", defaultValue = "flowwatch.flow-observations",
      description = "Topic of FlowObservation records (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    try {
      Replay.Progress done = Replay.file(file, kafka.connection(), topic, progress -> System.out.println(progress));
      System.out.printf("flowwatch replay: %s into %s at %s%n", done, topic, kafka.bootstrapServers);
      return 0;
    } catch (ReplayFileException e) {
      System.err.println("flowwatch replay: " + e.getMessage());
      return 1;
    }
  }
}
