package org.flowwatch.jobs.common.config;

import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;

/** What every job's settings hold, so that starting a job is written once ({@link JobEnvironment#run}). */
public interface JobBasics {
  KafkaConnection kafka();

  ElasticsearchConnection elasticsearch();

  CheckpointSettings checkpoints();

  int parallelism();
}
