package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Builds Elasticsearch clients for one server URL (e.g. http://127.0.0.1:9200). */
public final class ElasticsearchClients {
  private ElasticsearchClients() {}

  public static RestClientTransport transport(String url) {
    RestClient restClient = RestClient.builder(HttpHost.create(url))
        .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000))
        .build();
    return new RestClientTransport(restClient, new JacksonJsonpMapper());
  }

  public static ElasticsearchClient blocking(RestClientTransport transport) {
    return new ElasticsearchClient(transport);
  }

  public static ElasticsearchAsyncClient async(RestClientTransport transport) {
    return new ElasticsearchAsyncClient(transport);
  }
}
