package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds Elasticsearch clients for one connection: its URL, the certificates it trusts and its credentials. */
public final class ElasticsearchClients {
  private ElasticsearchClients() {}

  public static RestClientTransport transport(ElasticsearchConnection connection) {
    return new RestClientTransport(restClient(connection), new JacksonJsonpMapper());
  }

  /** The low-level client, with the connection's TLS trust and Authorization header on every request. */
  public static RestClient restClient(ElasticsearchConnection connection) {
    RestClientBuilder builder = RestClient.builder(HttpHost.create(connection.url()))
        .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000));
    ElasticsearchSecurity security = connection.security();
    security.authorization().ifPresent(authorization ->
        builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, authorization)}));
    security.sslContext().ifPresent(context ->
        builder.setHttpClientConfigCallback(client -> client.setSSLContext(context)));
    return builder.build();
  }

  public static ElasticsearchClient blocking(RestClientTransport transport) {
    return new ElasticsearchClient(transport);
  }

  public static ElasticsearchAsyncClient async(RestClientTransport transport) {
    return new ElasticsearchAsyncClient(transport);
  }
}
