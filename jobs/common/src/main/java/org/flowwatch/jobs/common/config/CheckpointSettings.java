package org.flowwatch.jobs.common.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;

/**
 * Validated checkpoint options ({@link CommonOptions#CHECKPOINTS}). Checkpoints commit the transactional Kafka sinks,
 * so they are bounded by the producer transaction timeout: a transaction opened at one checkpoint is committed when a
 * later one completes, and when the broker aborts it first, its records are lost. With at most
 * {@code tolerableFailures} failed checkpoints in a row, each taking at most max(interval, timeout), a transaction
 * stays open at most (tolerableFailures + 2) x max(interval, timeout): that must stay below the transaction timeout.
 *
 * @param stateBackend the state backend the job chose ({@link CommonOptions#STATE_BACKEND}); null when the option is
 *     unset and the job keeps the one its Flink is configured with
 */
public record CheckpointSettings(Duration interval, Duration timeout, int tolerableFailures,
    StateBackendKind stateBackend) implements Serializable {

  /** Settings that leave the state backend to Flink's configuration. */
  public CheckpointSettings(Duration interval, Duration timeout, int tolerableFailures) {
    this(interval, timeout, tolerableFailures, null);
  }

  public static CheckpointSettings from(Configuration configuration) {
    Duration interval = JobArguments.positiveDuration(configuration, CommonOptions.CHECKPOINT_INTERVAL);
    Duration timeout = JobArguments.positiveDuration(configuration, CommonOptions.CHECKPOINT_TIMEOUT);
    int tolerableFailures = JobArguments.read(configuration, CommonOptions.CHECKPOINT_TOLERABLE_FAILURES);
    if (tolerableFailures < 0) {
      throw new InvalidOptionException(CommonOptions.CHECKPOINT_TOLERABLE_FAILURES.key(), "must not be negative, was "
          + tolerableFailures);
    }
    CheckpointSettings settings = new CheckpointSettings(interval, timeout, tolerableFailures,
        stateBackend(configuration).orElse(null));
    Duration transactionTimeout = ExactlyOnceKafkaSinks.TRANSACTION_TIMEOUT;
    if (settings.longestOpenTransaction().compareTo(transactionTimeout) >= 0) {
      // Name the longer of the two durations: it is the one that set the bound.
      String option = interval.compareTo(timeout) >= 0 ? CommonOptions.CHECKPOINT_INTERVAL.key()
          : CommonOptions.CHECKPOINT_TIMEOUT.key();
      throw new InvalidOptionException(option, String.format("checkpoint.interval %s, checkpoint.timeout %s and "
          + "checkpoint.tolerable-failures %d can keep a Kafka transaction open for %s, not below the producer "
          + "transaction timeout of %s; lower one of them", interval, timeout, tolerableFailures,
          settings.longestOpenTransaction(), transactionTimeout));
    }
    return settings;
  }

  /**
   * The {@link CommonOptions#STATE_BACKEND} option: empty when unset; a value that names no backend fails with the
   * option's name and the allowed values. Read from the raw value, so that the message is the same whether the value
   * came as an argument ({@link JobArguments#parse}) or was set in code.
   */
  static Optional<StateBackendKind> stateBackend(Configuration configuration) {
    String key = CommonOptions.STATE_BACKEND.key();
    if (!configuration.containsKey(key)) {
      return Optional.empty();
    }
    String raw = configuration.toMap().get(key);
    return Optional.of(StateBackendKind.parse(raw).orElseThrow(() -> new InvalidOptionException(key,
        "must be one of " + StateBackendKind.allowedValues() + ", was '" + raw + "'")));
  }

  /** The state backend the job chose, if it chose one ({@link JobEnvironment#configure} applies it). */
  public Optional<StateBackendKind> chosenStateBackend() {
    return Optional.ofNullable(stateBackend);
  }

  /** How long a Kafka transaction of the job's transactional sinks can stay open before it is committed. */
  public Duration longestOpenTransaction() {
    Duration slowest = interval.compareTo(timeout) >= 0 ? interval : timeout;
    return slowest.multipliedBy(tolerableFailures + 2L);
  }
}
