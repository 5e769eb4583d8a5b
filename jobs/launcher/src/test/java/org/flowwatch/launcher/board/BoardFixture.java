package org.flowwatch.launcher.board;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.testing.DashboardFixture;
import org.flowwatch.testing.RealElasticsearch;

/** The dashboards' fixture in the test run's Elasticsearch, and a board on a free port showing only its indices. */
final class BoardFixture {
  final String run = "board" + UUID.randomUUID().toString().substring(0, 8);
  final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
  final DashboardFixture documents = new DashboardFixture(RealElasticsearch.url(), run, today);

  Board start() throws Exception {
    documents.index();
    return startWithoutDocuments();
  }

  /** A board on this run's indices before any exists: what a new deployment shows. */
  Board startWithoutDocuments() throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(CommonOptions.ELASTICSEARCH_URL, RealElasticsearch.url());
    return Board.start(ElasticsearchConnection.from(configuration, System.getenv()),
        new InetSocketAddress("127.0.0.1", 0), null, run, "flowwatch@board-test.local");
  }
}
