package dev.velocitytrinity.quantum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.quantum.server.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quantum status}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Show a queue (or list the queues) through the API.")
final class StatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ClientOptions client;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "QUEUE",
      description = "owner/repo[:branch]")
  String queue;

  @Option(names = "--follow", description = "Print queue events as they happen, until Ctrl-C.")
  boolean follow;

  @Option(names = "--from-start", description = "With --follow: replay the kept history first.")
  boolean fromStart;

  @Option(
      names = "--max-events",
      paramLabel = "N",
      description = "With --follow: stop after N events (for scripts).")
  int maxEvents;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    var api = client.client(context);
    if (follow) {
      return follow(api);
    }
    if (queue == null) {
      return ClientOptions.call(
          context,
          api::queues,
          answer -> {
            if (answer.body().path("queues").isEmpty()) {
              context.out().println("no queues");
            }
            answer.body().path("queues").forEach(q -> context.out().println(q.asText()));
          });
    }
    return ClientOptions.call(
        context, () -> api.status(queue), answer -> StatusText.print(context.out(), answer.body()));
  }

  private int follow(ApiClient api) throws InterruptedException {
    String after = fromStart ? "0-0" : "$";
    int seen = 0;
    while (!Thread.currentThread().isInterrupted()) {
      String from = after;
      ApiClient.Answer[] last = new ApiClient.Answer[1];
      ClientOptions.call(context, () -> api.events(from, 1_000, queue), a -> last[0] = a, false);
      for (JsonNode event : last[0].body().path("events")) {
        if (context.globals().json()) {
          context.out().println(event.toString());
        } else {
          StatusText.event(context.out(), event);
        }
        context.out().flush();
        if (maxEvents > 0 && ++seen >= maxEvents) {
          return ExitCode.OK;
        }
      }
      after = last[0].body().path("last").asText(after);
    }
    return ExitCode.INTERRUPTED;
  }
}
