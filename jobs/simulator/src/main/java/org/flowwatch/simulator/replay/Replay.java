package org.flowwatch.simulator.replay;

import org.flowwatch.jobs.common.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.simulator.ObservationProducer;

/** Feeds a file of observations into Kafka, in event-time order, reporting progress after every batch. */
public final class Replay {
  /** How far a replay has got. */
  public record Progress(long sent, long total, long travellers) {
    @Override
    public String toString() {
      return String.format("replayed %,d / %,d observations (%d%%), %,d travellers", sent, total,
          total == 0 ? 100 : sent * 100 / total, travellers);
    }
  }

  private static final int BATCH = 5_000;

  private Replay() {}

  public static Progress file(Path file, KafkaConnection kafka, String topic, Consumer<Progress> progress)
      throws ReplayFileException {
    List<FlowObservation> observations = ObservationFiles.read(file);
    try (ObservationProducer producer = new ObservationProducer(kafka, topic)) {
      for (int from = 0; from < observations.size(); from += BATCH) {
        producer.send(observations.subList(from, Math.min(from + BATCH, observations.size())));
        producer.flush();
        progress.accept(new Progress(producer.observations(), observations.size(), producer.travellers()));
      }
      return new Progress(producer.observations(), observations.size(), producer.travellers());
    }
  }
}
