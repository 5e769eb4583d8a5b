package org.flowwatch.jobs.common.elasticsearch;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.flink.configuration.Configuration;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;

/** Where Elasticsearch is and how every client of a job or command talks to it. */
public record ElasticsearchConnection(String url, ElasticsearchSecurity security) implements Serializable {

  /** A server without security, such as the demo's. */
  public static ElasticsearchConnection plain(String url) {
    return new ElasticsearchConnection(url, ElasticsearchSecurity.none());
  }

  /**
   * From {@link CommonOptions#ELASTICSEARCH_URL} and {@link CommonOptions#ELASTICSEARCH_SECURITY}. Credentials are not
   * sent to an http:// URL, where anyone on the way can read them, unless explicitly allowed.
   */
  public static ElasticsearchConnection from(Configuration configuration, Map<String, String> environment) {
    String url = JobArguments.httpUrl(configuration, CommonOptions.ELASTICSEARCH_URL);
    ElasticsearchSecurity security = ElasticsearchSecurity.from(configuration, environment);
    boolean plainHttp = url.startsWith("http://");
    if (plainHttp && security.hasCredentials()
        && !JobArguments.read(configuration, CommonOptions.ELASTICSEARCH_ALLOW_PLAIN_HTTP_CREDENTIALS)) {
      throw new InvalidOptionException(CommonOptions.ELASTICSEARCH_URL.key(), "is " + url + ": credentials would "
          + "travel unencrypted; use https:// (or set " + CommonOptions.ELASTICSEARCH_ALLOW_PLAIN_HTTP_CREDENTIALS.key()
          + "=true)");
    }
    if (plainHttp && security.hasTrustedCertificates()) {
      throw new InvalidOptionException(CommonOptions.ELASTICSEARCH_URL.key(), "is " + url + ", which ignores the "
          + "certificates given; use https://");
    }
    return new ElasticsearchConnection(url, security);
  }

  /**
   * Asks for the cluster's health once, so that wrong credentials or certificates fail the start with a message that
   * names the option to fix, instead of a sink that retries forever.
   */
  public void verify() {
    try (RestClient client = ElasticsearchClients.restClient(this)) {
      client.performRequest(new Request("GET", "/_cluster/health"));
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 401 || status == 403) {
        String option = security.hasCredentials() && security.authorization().orElse("").startsWith("ApiKey")
            ? CommonOptions.ELASTICSEARCH_API_KEY_FILE.key() : CommonOptions.ELASTICSEARCH_PASSWORD_FILE.key();
        throw new InvalidOptionException(option, "Elasticsearch at " + url + " answered " + status + " "
            + e.getResponse().getStatusLine().getReasonPhrase() + " with " + security + ": check the credentials");
      }
      throw new InvalidOptionException(CommonOptions.ELASTICSEARCH_URL.key(), "Elasticsearch at " + url
          + " answered " + status + " to GET /_cluster/health");
    } catch (SSLException e) {
      throw new InvalidOptionException(CommonOptions.ELASTICSEARCH_CA_CERTIFICATE.key(), "TLS with Elasticsearch at "
          + url + " failed (is its certificate's CA in elasticsearch.ca-certificate or elasticsearch.truststore?): "
          + e.getMessage());
    } catch (IOException e) {
      throw new InvalidOptionException(CommonOptions.ELASTICSEARCH_URL.key(), "cannot reach Elasticsearch at " + url
          + ": " + e);
    }
  }

  @Override
  public String toString() {
    return url + " " + security;
  }
}
