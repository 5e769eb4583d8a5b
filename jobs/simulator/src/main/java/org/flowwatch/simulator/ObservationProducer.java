package org.flowwatch.simulator;

import org.flowwatch.jobs.common.kafka.KafkaConnection;
import java.util.List;
import org.flowwatch.schema.FlowObservation;

/** Writes FlowObservations keyed by point code, timed by observation time, counting the travellers sent. */
public final class ObservationProducer implements AutoCloseable {
  private final AvroRecordProducer<FlowObservation> producer;
  private long travellers;

  public ObservationProducer(KafkaConnection kafka, String topic) {
    this.producer = new AvroRecordProducer<>(kafka, topic, FlowObservation.class,
        FlowObservation::getPointCode, FlowObservation::getObservedAt);
  }

  public void send(List<FlowObservation> batch) {
    producer.send(batch);
    batch.forEach(observation -> observation.getTravellers().forEach(g -> travellers += (long) g.getMen()
        + g.getWomen() + g.getBoys() + g.getGirls() + g.getUnspecified()));
  }

  /** Waits until Kafka has acknowledged everything sent so far. */
  public void flush() {
    producer.flush();
  }

  public long observations() {
    return producer.sent();
  }

  public long travellers() {
    return travellers;
  }

  @Override
  public void close() {
    producer.close();
  }
}
