package org.flowwatch.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The part of Flink's REST API (the same one the web UI and {@code flink run} use) that deploying and upgrading jobs
 * needs. Every error names the cluster URL, the request and what the cluster answered.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;

  public FlinkRest(String url) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String url() {
    return url;
  }

  /** A job as the cluster's overview shows it. */
  public record JobOverview(String id, String name, String state, Instant started, int runningTasks, int totalTasks) {
    public boolean terminal() {
      return switch (state) {
        case "FINISHED", "CANCELED", "FAILED" -> true;
        default -> false;
      };
    }
  }

  public List<JobOverview> jobs() throws ClusterException {
    JsonNode answer = call(HttpRequest.newBuilder().GET(), "/jobs/overview", "list jobs");
    List<JobOverview> jobs = new ArrayList<>();
    for (JsonNode job : answer.path("jobs")) {
      JsonNode tasks = job.path("tasks");
      jobs.add(new JobOverview(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
          Instant.ofEpochMilli(job.path("start-time").asLong()), tasks.path("running").asInt(),
          tasks.path("total").asInt()));
    }
    return jobs;
  }

  public JobOverview job(String jobId) throws ClusterException {
    for (JobOverview job : jobs()) {
      if (job.id().equals(jobId)) {
        return job;
      }
    }
    throw new ClusterException("Flink at " + url + " has no job " + jobId);
  }

  /** The options the job was started with (each flowwatch job records its options as global job parameters). */
  public List<String> jobOptions(String jobId) throws ClusterException {
    JsonNode userConfig = call(HttpRequest.newBuilder().GET(), "/jobs/" + jobId + "/config", "read the job's configuration")
        .path("execution-config").path("user-config");
    List<String> options = new ArrayList<>();
    userConfig.fields().forEachRemaining(entry -> {
      options.add("--" + entry.getKey());
      options.add(entry.getValue().asText());
    });
    return options;
  }

  /** The most recent failure of a job, its first lines, if it has failed or restarted at all. */
  public Optional<String> latestFailure(String jobId) throws ClusterException {
    JsonNode entries = call(HttpRequest.newBuilder().GET(), "/jobs/" + jobId + "/exceptions", "read the job's failures")
        .path("exceptionHistory").path("entries");
    if (!entries.isArray() || entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(firstLines(entries.get(0).path("stacktrace").asText(entries.get(0).path("exceptionName").asText())));
  }

  /** Checkpoints of a job so far: completed and failed (expired, declined). */
  public record CheckpointCounts(long completed, long failed) {}

  public CheckpointCounts checkpoints(String jobId) throws ClusterException {
    JsonNode counts = call(HttpRequest.newBuilder().GET(), "/jobs/" + jobId + "/checkpoints", "report on checkpoints")
        .path("counts");
    return new CheckpointCounts(counts.path("completed").asLong(), counts.path("failed").asLong());
  }

  /** How many times the job has restarted after a failure (its numRestarts metric). */
  public long restarts(String jobId) throws ClusterException {
    JsonNode metrics = call(HttpRequest.newBuilder().GET(), "/jobs/" + jobId + "/metrics?get=numRestarts",
        "read the job's restart count");
    for (JsonNode metric : metrics) {
      if ("numRestarts".equals(metric.path("id").asText())) {
        return metric.path("value").asLong();
      }
    }
    return 0;
  }

  /** The ids of the task managers that run tasks (some of their slots are taken), in the order the cluster lists them. */
  public List<String> busyTaskManagers() throws ClusterException {
    List<String> busy = new ArrayList<>();
    for (JsonNode taskManager : call(HttpRequest.newBuilder().GET(), "/taskmanagers", "list task managers")
        .path("taskmanagers")) {
      if (taskManager.path("freeSlots").asInt() < taskManager.path("slotsNumber").asInt()) {
        busy.add(taskManager.path("id").asText());
      }
    }
    return busy;
  }

  /** Uploads a jar; returns the id the cluster gives it. */
  public String uploadJar(Path jar) throws ClusterException {
    String boundary = "flowwatch-" + UUID.randomUUID();
    byte[] body;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
          + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(Files.readAllBytes(jar));
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      body = out.toByteArray();
    } catch (IOException e) {
      throw new ClusterException("cannot read the job jar " + jar + ": " + e.getMessage());
    }
    JsonNode answer = call(HttpRequest.newBuilder().header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), "/jars/upload", "upload " + jar.getFileName());
    String filename = answer.path("filename").asText();
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  /**
   * Runs an uploaded jar's main class (from its manifest) with the given arguments; returns the job id. With a
   * savepoint, state that no operator of the new job takes is refused, never dropped (allowNonRestoredState false).
   */
  public String runJar(String jarId, List<String> programArguments, Optional<String> savepoint) throws ClusterException {
    ObjectNode request = JSON.createObjectNode();
    request.putArray("programArgsList").addAll(programArguments.stream().map(JSON.getNodeFactory()::textNode).toList());
    savepoint.ifPresent(path -> request.put("savepointPath", path).put("allowNonRestoredState", false));
    return call(post(request), "/jars/" + jarId + "/run", "run the job").path("jobid").asText();
  }

  /**
   * Takes a savepoint in the canonical format (any state backend restores it); with {@code stop}, the job stops once
   * it is complete. Waits for it and returns its path.
   */
  public String savepoint(String jobId, Optional<String> targetDirectory, boolean stop, Duration timeout)
      throws ClusterException {
    ObjectNode request = JSON.createObjectNode().put("formatType", "CANONICAL");
    String path;
    if (stop) {
      request.put("drain", false);
      targetDirectory.ifPresent(directory -> request.put("targetDirectory", directory));
      path = "/jobs/" + jobId + "/stop";
    } else {
      request.put("cancel-job", false);
      targetDirectory.ifPresent(directory -> request.put("target-directory", directory));
      path = "/jobs/" + jobId + "/savepoints";
    }
    String trigger = call(post(request), path, stop ? "stop the job with a savepoint" : "take a savepoint")
        .path("request-id").asText();
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode status = call(HttpRequest.newBuilder().GET(), "/jobs/" + jobId + "/savepoints/" + trigger,
          "report on the savepoint");
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new ClusterException("Flink at " + url + " could not take the savepoint of job " + jobId + ": "
              + firstLines(operation.path("failure-cause").path("stack-trace")
                  .asText(operation.path("failure-cause").toString())));
        }
        return operation.path("location").asText();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ClusterException("Flink at " + url + " did not complete the savepoint of job " + jobId + " within "
            + timeout.toSeconds() + " s");
      }
      pause();
    }
  }

  public void cancel(String jobId) throws ClusterException {
    call(HttpRequest.newBuilder().method("PATCH", HttpRequest.BodyPublishers.noBody()), "/jobs/" + jobId + "?mode=cancel",
        "cancel the job");
  }

  /** Waits until the job is in one of the states; fails with the job's latest failure when it ends otherwise. */
  public JobOverview awaitState(String jobId, Duration timeout, String... states) throws ClusterException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JobOverview job = job(jobId);
      if (List.of(states).contains(job.state()) && (!"RUNNING".equals(job.state()) || job.runningTasks() == job.totalTasks())) {
        return job;
      }
      if (job.terminal()) {
        throw new ClusterException("job " + jobId + " on Flink at " + url + " ended " + job.state()
            + latestFailure(jobId).map(failure -> ": " + failure).orElse(""));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ClusterException("job " + jobId + " on Flink at " + url + " was still " + job.state() + " after "
            + timeout.toSeconds() + " s" + latestFailure(jobId).map(failure -> "; latest failure: " + failure).orElse(""));
      }
      pause();
    }
  }

  private HttpRequest.Builder post(JsonNode body) {
    return HttpRequest.newBuilder().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  private JsonNode call(HttpRequest.Builder request, String path, String what) throws ClusterException {
    HttpResponse<String> response;
    try {
      response = client.send(request.uri(URI.create(url + path)).timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ClusterException("cannot reach Flink at " + url + " to " + what + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while asking Flink at " + url + " to " + what);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ClusterException("Flink at " + url + " refused to " + what + " (" + response.statusCode() + " on "
          + path.replaceFirst("\\?.*", "") + "): " + errors(response.body()));
    }
    try {
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ClusterException("Flink at " + url + " answered " + path + " with something that is not JSON");
    }
  }

  /** Flink answers errors as {"errors": [...]}, often one long stack trace: the lines that say what went wrong. */
  private static String errors(String body) {
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      List<String> messages = new ArrayList<>();
      errors.forEach(error -> messages.add(firstLines(error.asText())));
      return messages.isEmpty() ? abbreviate(body) : String.join("; ", messages);
    } catch (IOException e) {
      return abbreviate(body);
    }
  }

  /** The message lines of a stack trace (its first line and every "Caused by"), without the frames. */
  static String firstLines(String stackTrace) {
    List<String> lines = new ArrayList<>();
    for (String line : stackTrace.split("\n")) {
      String stripped = line.strip();
      if (lines.isEmpty() || stripped.startsWith("Caused by:")) {
        lines.add(stripped);
      }
    }
    return abbreviate(String.join(" / ", lines));
  }

  private static String abbreviate(String text) {
    return text.length() <= 1500 ? text : text.substring(0, 1500) + "...";
  }

  private static void pause() throws ClusterException {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted");
    }
  }
}
