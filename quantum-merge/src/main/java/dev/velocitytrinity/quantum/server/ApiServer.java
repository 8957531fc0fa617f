package dev.velocitytrinity.quantum.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueueRejectedException;
import dev.velocitytrinity.quantum.queue.QueueState;
import dev.velocitytrinity.quantum.store.QueueEvent;
import dev.velocitytrinity.quantum.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on the JDK's built-in server: JSON in, JSON out. Bad input is 400, unknown PRs 404,
 * duplicates 409, Redis trouble 503; nothing answers with a stack trace.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final int MAX_BODY = 64 * 1024;

  private final QueueService service;
  private final Runnable healthCheck;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;

  /**
   * @param healthCheck throws {@link StoreException.Unavailable} when Redis is down
   * @param executor runs the request handlers; the caller owns and shuts it down
   */
  public ApiServer(
      QueueService service,
      Runnable healthCheck,
      InetSocketAddress address,
      ExecutorService executor)
      throws IOException {
    this.service = service;
    this.healthCheck = healthCheck;
    this.server = HttpServer.create(address, 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      try {
        Reply reply =
            switch (method + " " + path) {
              case "GET /healthz" -> health();
              case "GET /v1/queues" ->
                  new Reply(
                      200,
                      Map.of("queues", service.queues().stream().map(QueueKey::toString).toList()));
              case "GET /v1/status" -> status(query(exchange, "queue"));
              case "GET /v1/events" ->
                  events(
                      query(exchange, "after"), query(exchange, "wait"), query(exchange, "queue"));
              case "POST /v1/enqueue" -> enqueue(body(exchange));
              case "POST /v1/dequeue" -> dequeue(body(exchange));
              case "POST /v1/pause" -> pause(body(exchange));
              default -> error(404, "no such endpoint: " + method + " " + path);
            };
        send(exchange, reply);
      } catch (BadRequest e) {
        send(exchange, error(400, e.getMessage()));
      } catch (QueueRejectedException e) {
        int code = e.reason() == QueueRejectedException.Reason.NOT_QUEUED ? 404 : 409;
        send(exchange, error(code, e.getMessage()));
      } catch (StoreException e) {
        LOG.warn("request failed: {}", e.getMessage());
        send(exchange, error(503, e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("internal error serving {} {}", method, path, e);
        send(exchange, error(500, "internal error"));
      }
    }
  }

  private Reply health() {
    healthCheck.run();
    return new Reply(200, Map.of("status", "ok"));
  }

  private Reply status(String queueText) {
    QueueKey queue = queueKey(queueText);
    Optional<QueueState> state = service.status(queue);
    return state
        .map(s -> new Reply(200, QueueStatus.of(s)))
        .orElseGet(() -> error(404, "no queue " + queue));
  }

  private Reply events(String after, String wait, String queue) {
    String requested = after == null || after.isBlank() ? "$" : after;
    if (!requested.equals("$") && !requested.matches("\\d+-\\d+")) {
      throw new BadRequest("after must be a stream id like 1700000000000-0, or $");
    }
    // Answer with a concrete position even when nothing happened: a client that came back with
    // "$" would skip every event written between its two requests.
    String from = requested.equals("$") ? service.lastEventId() : requested;
    int waitMillis;
    try {
      waitMillis = wait == null ? 0 : Integer.parseInt(wait);
    } catch (NumberFormatException e) {
      throw new BadRequest("wait must be milliseconds");
    }
    if (waitMillis < 0 || waitMillis > 2_000) {
      throw new BadRequest("wait must be between 0 and 2000 ms");
    }
    List<QueueEvent> events = service.events(from, waitMillis);
    String last = events.isEmpty() ? from : events.get(events.size() - 1).id();
    List<QueueEvent> shown =
        queue == null || queue.isBlank()
            ? events
            : events.stream().filter(e -> e.queue().equals(queueKey(queue).toString())).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("last", last);
    body.put(
        "events",
        shown.stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", e.id());
                  m.put("at", e.at().toString());
                  m.put("queue", e.queue());
                  m.put("type", e.type());
                  m.put("pr", e.pr());
                  m.put("build", e.build());
                  m.put("prs", e.prs());
                  m.put("detail", e.detail());
                  return m;
                })
            .toList());
    return new Reply(200, body);
  }

  private Reply enqueue(JsonNode body) {
    QueueKey queue = queueKey(text(body, "queue"));
    int pr = pr(body);
    String sha = text(body, "sha");
    if (!sha.matches("[0-9a-fA-F]{7,64}")) {
      throw new BadRequest("sha must be a hex commit id");
    }
    int priority = body.path("priority").asInt(0);
    return new Reply(201, QueueStatus.of(service.enqueue(queue, pr, sha, priority).state()));
  }

  private Reply dequeue(JsonNode body) {
    QueueKey queue = queueKey(text(body, "queue"));
    return new Reply(200, QueueStatus.of(service.dequeue(queue, pr(body)).state()));
  }

  private Reply pause(JsonNode body) {
    QueueKey queue = queueKey(text(body, "queue"));
    boolean paused = body.path("paused").asBoolean(true);
    // Only an enqueue creates a queue: a typo here must not leave a paused queue behind.
    if (service.status(queue).isEmpty()) {
      return error(404, "no queue " + queue + knownQueues());
    }
    return new Reply(200, QueueStatus.of(service.pause(queue, paused).state()));
  }

  private String knownQueues() {
    List<String> known = service.queues().stream().map(QueueKey::toString).toList();
    return known.isEmpty()
        ? " (there are no queues yet)"
        : " (queues: " + String.join(", ", known) + ")";
  }

  private static int pr(JsonNode body) {
    JsonNode pr = body.get("pr");
    if (pr == null || !pr.canConvertToInt() || pr.asInt() <= 0) {
      throw new BadRequest("pr must be a positive integer");
    }
    return pr.asInt();
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new BadRequest(field + " is required");
    }
    return node.asText();
  }

  private static QueueKey queueKey(String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequest("queue is required (owner/repo:branch)");
    }
    try {
      return QueueKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static String query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new BadRequest("request body too large");
      }
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new BadRequest("expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequest("invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static Reply error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return new Reply(status, body);
  }

  private void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Reply(int status, Object body) {}

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
