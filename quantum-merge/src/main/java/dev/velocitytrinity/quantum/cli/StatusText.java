package dev.velocitytrinity.quantum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a queue status as the API returns it. */
final class StatusText {

  private StatusText() {}

  /** One event line: {@code 2026-01-01T10:00:00Z acme/app:main #12 merged (build 3)}. */
  static void event(PrintWriter out, JsonNode e) {
    String type = e.path("type").asText();
    long build = e.path("build").asLong();
    int pr = e.path("pr").asInt();
    List<String> prs = new ArrayList<>();
    e.path("prs").forEach(p -> prs.add("#" + p.asInt()));
    String what =
        switch (type) {
          case "build-started" -> "build " + build + " started: main + " + String.join(" + ", prs);
          case "build-finished" -> "build " + build + " " + e.path("detail").asText();
          case "build-cancelled" -> "build " + build + " cancelled";
          case "merged" -> "#" + pr + " merged (build " + build + ")";
          case "ejected" -> "#" + pr + " ejected: " + e.path("detail").asText();
          case "retried" -> "#" + pr + " failed at the head; retrying once";
          case "enqueued", "dequeued" -> "#" + pr + " " + type;
          default -> type;
        };
    out.printf("%s %s  %s%n", e.path("at").asText(), e.path("queue").asText(), what);
  }

  static void print(PrintWriter out, JsonNode status) {
    out.printf(
        "%s  %s depth %d  %s  (version %d)%n",
        status.path("queue").asText(),
        status.path("strategy").asText(),
        status.path("depth").asInt(),
        status.path("paused").asBoolean() ? "paused" : "running",
        status.path("version").asLong());
    if (status.path("entries").isEmpty()) {
      out.println("  (empty)");
    }
    int position = 1;
    for (JsonNode e : status.path("entries")) {
      String sha = e.path("sha").asText();
      out.printf(
          "  %2d. #%-6d %s  priority %d%s%n",
          position++,
          e.path("pr").asInt(),
          sha.length() > 10 ? sha.substring(0, 10) : sha,
          e.path("priority").asInt(),
          e.path("failures").asInt() > 0 ? "  (retrying)" : "");
    }
    for (JsonNode b : status.path("builds")) {
      List<String> prs = new ArrayList<>();
      b.path("prs").forEach(pr -> prs.add("#" + pr.asInt()));
      out.printf(
          "  build %d %s: main + %s%n",
          b.path("id").asLong(), b.path("status").asText(), String.join(" + ", prs));
    }
  }
}
