package org.flowwatch.jobs.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.testing.TestCertificates;
import org.flowwatch.testing.TestSecrets;
import org.flowwatch.schema.MonitoringPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka security options: typed, validated at start-up, applied to every client, never shown. */
class KafkaClientSecurityTest {
  private static final String PASSWORD = "s3cret-\"quoted\"";

  @TempDir
  Path directory;

  private KafkaConnection connection(Map<String, String> options, Map<String, String> environment) {
    Map<String, String> all = new HashMap<>(options);
    all.put("kafka.bootstrap-servers", "127.0.0.1:9093");
    return KafkaConnection.from(Configuration.fromMap(all), environment);
  }

  private KafkaConnection connection(Map<String, String> options) {
    return connection(options, Map.of());
  }

  private Map<String, String> scram() {
    return Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.sasl.username", "flowwatch",
        "kafka.sasl.password-file", TestSecrets.write(directory, "password", PASSWORD).toString());
  }

  @Test
  void shouldDefaultToPlaintextWithoutCredentials() {
    KafkaConnection plain = connection(Map.of());

    assertThat(plain.security().protocol()).isEqualTo(KafkaSecurityProtocol.PLAINTEXT);
    assertThat(plain.clientProperties()).containsOnlyKeys("bootstrap.servers");
  }

  @Test
  void shouldBuildTheJaasConfigFromTheUserAndThePasswordFile() {
    Map<String, String> properties = connection(scram()).security().properties();

    assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"flowwatch\" password=\"s3cret-\\\"quoted\\\"\";");
  }

  @Test
  void shouldTakeThePasswordFromTheEnvironmentWhenNoFileIsNamed() {
    Map<String, String> options = new HashMap<>(scram());
    options.remove("kafka.sasl.password-file");

    KafkaConnection fromEnvironment = connection(options, Map.of(KafkaClientSecurity.PASSWORD_VARIABLE, "from-env"));

    assertThat(fromEnvironment.security().properties().get("sasl.jaas.config")).contains("password=\"from-env\"");
  }

  @Test
  void shouldNeverShowASecret() {
    KafkaConnection secured = connection(scram());

    assertThat(secured.security().toString()).doesNotContain("s3cret").contains("sasl.jaas.config=[hidden]")
        .contains("security.protocol=SASL_SSL");
    assertThat(secured.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldApplyTheSecurityToEverySourceSinkAndClient() throws Exception {
    KafkaConnection secured = connection(scram());
    String jaas = secured.security().properties().get("sasl.jaas.config");

    KafkaSource<MonitoringPoint> source = KafkaSources.<MonitoringPoint>readCommitted(secured).setTopics("t")
        .setGroupId("g").setDeserializer(new AvroValueDeserializer<>(MonitoringPoint.class)).build();
    KafkaSink<MonitoringPoint> sink = ExactlyOnceKafkaSinks.of(secured, "t", "prefix", MonitoringPoint.class,
        MonitoringPoint::getCode);
    Properties client = secured.clientProperties();

    assertThat(properties(source, "props")).containsEntry("sasl.jaas.config", jaas)
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(properties(sink, "kafkaProducerConfig")).containsEntry("sasl.jaas.config", jaas)
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(client).containsEntry("sasl.jaas.config", jaas).containsEntry("bootstrap.servers", "127.0.0.1:9093");
  }

  /** The Kafka properties a Flink source or sink carries into the job graph (the connector shows them to no one). */
  private static Properties properties(Object connector, String field) throws ReflectiveOperationException {
    Field properties = connector.getClass().getDeclaredField(field);
    properties.setAccessible(true);
    return (Properties) properties.get(connector);
  }

  @Test
  void shouldRefuseSaslWithoutAMechanism() {
    Map<String, String> options = new HashMap<>(scram());
    options.remove("kafka.sasl.mechanism");

    assertThatThrownBy(() -> connection(options)).isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'kafka.sasl.mechanism'");
    assertThatThrownBy(() -> connection(Map.of("kafka.security.protocol", "SASL_SSL")))
        .hasMessageStartingWith("option 'kafka.sasl.mechanism'").hasMessageContaining("SASL_SSL");
  }

  @Test
  void shouldRefuseAnUnknownMechanismAndAUserWithoutPassword() {
    Map<String, String> gssapi = new HashMap<>(scram());
    gssapi.put("kafka.sasl.mechanism", "GSSAPI");
    Map<String, String> noPassword = new HashMap<>(scram());
    noPassword.remove("kafka.sasl.password-file");

    assertThatThrownBy(() -> connection(gssapi)).hasMessageStartingWith("option 'kafka.sasl.mechanism'");
    assertThatThrownBy(() -> connection(noPassword)).hasMessageStartingWith("option 'kafka.sasl.password-file'")
        .hasMessageContaining(KafkaClientSecurity.PASSWORD_VARIABLE);
  }

  @Test
  void shouldRefuseAMissingPasswordFileAndSaslSettingsThePlaintextProtocolWouldIgnore() {
    Map<String, String> missing = new HashMap<>(scram());
    missing.put("kafka.sasl.password-file", directory.resolve("nowhere").toString());
    Map<String, String> ignored = new HashMap<>(scram());
    ignored.put("kafka.security.protocol", "PLAINTEXT");

    assertThatThrownBy(() -> connection(missing)).hasMessageStartingWith("option 'kafka.sasl.password-file'")
        .hasMessageContaining("no readable file");
    assertThatThrownBy(() -> connection(ignored)).hasMessageStartingWith("option 'kafka.security.protocol'");
  }

  @Test
  void shouldOpenTheTruststoreAtStartAndRefuseAWrongPasswordNamingTheOption() {
    TestCertificates certificates = TestCertificates.generate(directory);
    Map<String, String> tls = new HashMap<>(Map.of("kafka.security.protocol", "SSL",
        "kafka.ssl.truststore.location", certificates.truststore().toString(),
        "kafka.ssl.truststore.password-file", certificates.storePasswordFile().toString()));

    assertThat(connection(tls).security().properties()).containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.truststore.password", certificates.storePassword());

    tls.put("kafka.ssl.truststore.password-file", TestSecrets.write(directory, "wrong", "wrong").toString());
    assertThatThrownBy(() -> connection(tls)).hasMessageStartingWith("option 'kafka.ssl.truststore.location'")
        .hasMessageContaining(certificates.truststore().toString()).hasMessageNotContaining("wrong\n");
    tls.put("kafka.ssl.truststore.location", certificates.caCertificate().toString()); // a PEM, not a store
    assertThatThrownBy(() -> connection(tls)).hasMessageStartingWith("option 'kafka.ssl.truststore.location'");
  }

  @Test
  void shouldReadAPropertiesFileAndRefuseWhatIsNotASecuritySetting() {
    Path file = TestSecrets.write(directory, "client.properties", "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
        + "password=\"p4ss\";\n");
    KafkaConnection fromFile = connection(Map.of("kafka.properties-file", file.toString()));

    assertThat(fromFile.security().protocol()).isEqualTo(KafkaSecurityProtocol.SASL_SSL);
    assertThat(fromFile.security().username()).contains("u");
    assertThat(fromFile.security().toString()).doesNotContain("p4ss");

    Path other = TestSecrets.write(directory, "other.properties", "security.protocol=SSL\ngroup.id=x\n");
    assertThatThrownBy(() -> connection(Map.of("kafka.properties-file", other.toString())))
        .hasMessageStartingWith("option 'kafka.properties-file'").hasMessageContaining("'group.id'");
  }

  @Test
  void shouldDeclareEveryOptionOnceInTheSharedList() {
    assertThat(CommonOptions.KAFKA_SECURITY).extracting(option -> option.key()).doesNotHaveDuplicates()
        .allMatch(key -> key.startsWith("kafka."));
  }
}
