package dev.velocitytrinity.quantum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small client of {@link ApiServer}, for the CLI's enqueue/dequeue/status commands. */
public final class ApiClient {

  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ApiClient(URI base, HttpClient http) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.http = http;
  }

  /** The answer of a call: its HTTP status and JSON body. */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    public String error() {
      return body.path("error").asText("HTTP " + status);
    }
  }

  /** The server could not be reached at all. */
  public static final class UnreachableException extends Exception {
    public UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Answer enqueue(String queue, int pr, String sha, int priority)
      throws UnreachableException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("queue", queue);
    body.put("pr", pr);
    body.put("sha", sha);
    body.put("priority", priority);
    return post("v1/enqueue", body);
  }

  public Answer dequeue(String queue, int pr) throws UnreachableException, InterruptedException {
    return post("v1/dequeue", Map.of("queue", queue, "pr", pr));
  }

  public Answer pause(String queue, boolean paused)
      throws UnreachableException, InterruptedException {
    return post("v1/pause", Map.of("queue", queue, "paused", paused));
  }

  public Answer status(String queue) throws UnreachableException, InterruptedException {
    return send(
        HttpRequest.newBuilder(
                base.resolve("v1/status?queue=" + URLEncoder.encode(queue, StandardCharsets.UTF_8)))
            .GET());
  }

  /** Events after {@code after} ({@code "$"}: from now on), waiting up to {@code waitMillis}. */
  public Answer events(String after, int waitMillis, String queue)
      throws UnreachableException, InterruptedException {
    String query =
        "v1/events?after="
            + URLEncoder.encode(after, StandardCharsets.UTF_8)
            + "&wait="
            + waitMillis
            + (queue == null ? "" : "&queue=" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(base.resolve(query)).GET());
  }

  public Answer queues() throws UnreachableException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve("v1/queues")).GET());
  }

  private Answer post(String path, Object body) throws UnreachableException, InterruptedException {
    try {
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer send(HttpRequest.Builder request)
      throws UnreachableException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UnreachableException(
          "cannot reach the quantum server at " + base + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (IOException e) {
      body = json.createObjectNode().put("error", "HTTP " + response.statusCode());
    }
    return new Answer(response.statusCode(), body == null ? json.createObjectNode() : body);
  }
}
