package org.flowwatch.jobs.alertdelivery.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.delivery.SubscriptionRecord;
import org.flowwatch.schema.delivery.SubscriptionSet;
import org.flowwatch.schema.delivery.SubscriptionUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionRecordDeserializerTest {
  private final SubscriptionRecordDeserializer deserializer = new SubscriptionRecordDeserializer();
  private final SimpleCounter undecodable = new SimpleCounter();
  private final List<SubscriptionUpdate> updates = new ArrayList<>();

  @BeforeEach
  void open() {
    deserializer.open(new DeserializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return new UnregisteredMetricsGroup() {
          @Override
          public org.apache.flink.metrics.Counter counter(String name) {
            return undecodable;
          }
        };
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
      }
    });
  }

  @Test
  void aRecordKeepsItsKey() throws Exception {
    SubscriptionRecord set = new SubscriptionRecord(null, new SubscriptionSet("v1", Instant.EPOCH, List.of("a")));

    deserialize("~set", AvroCodec.of(SubscriptionRecord.class).encode(set));

    assertThat(updates).containsExactly(new SubscriptionUpdate("~set", set));
  }

  @Test
  void aTombstoneIsAnUpdateWithoutARecord() throws Exception {
    deserialize("team-a", null);

    assertThat(updates).containsExactly(new SubscriptionUpdate("team-a", null));
  }

  @Test
  void undecodableValuesAndMissingKeysAreCountedAndSkipped() throws Exception {
    deserialize("team-a", "not avro".getBytes(StandardCharsets.UTF_8));
    deserialize(null, null);

    assertThat(updates).isEmpty();
    assertThat(undecodable.getCount()).isEqualTo(2);
  }

  @Test
  void producesAvroTypeInformationSoFlinkNeedsNoKryo() {
    assertThat(deserializer.getProducedType()).isInstanceOf(AvroTypeInfo.class);
  }

  private void deserialize(String key, byte[] value) throws Exception {
    deserializer.deserialize(new ConsumerRecord<>("subscriptions", 0, 7,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value), new ListCollector<>(updates));
  }
}
