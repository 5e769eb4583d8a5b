package org.flowwatch.jobs.alertdelivery.channels;

import java.io.Serializable;
import org.flowwatch.schema.delivery.AlertMessage;

/**
 * Sends a message on one of its subscription's webhook or email channels (Kafka channels are a transactional sink,
 * not a request). Created in the delivery operator's {@code open()} by a serializable {@link Factory}, so that tests
 * can give the operator another one.
 */
public interface ChannelSender extends AutoCloseable {

  /** One attempt; never throws for what the endpoint answered or for the network: that is the result. */
  ChannelResult send(AlertMessage message, ChannelNames channel);

  /** Tells the subscription's owner that the channel answered 410 Gone and receives nothing any more. */
  void endpointDisabled(AlertMessage message, ChannelNames channel, ChannelResult answer);

  @Override
  default void close() {}

  @FunctionalInterface
  interface Factory extends Serializable {
    ChannelSender create() throws Exception;
  }
}
