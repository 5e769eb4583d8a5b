package org.flowwatch.jobs.common.kafka;

/** Kafka's security.protocol values: whether a connection is encrypted (SSL) and authenticated with SASL. */
public enum KafkaSecurityProtocol {
  PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

  public boolean sasl() {
    return this == SASL_PLAINTEXT || this == SASL_SSL;
  }

  public boolean tls() {
    return this == SSL || this == SASL_SSL;
  }
}
