package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quantum enqueue}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "enqueue",
    description = "Add a PR to a queue through the API.")
final class EnqueueCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "owner/repo[:branch]")
  String queue;

  @Parameters(index = "1", paramLabel = "PR", description = "The PR number.")
  int pr;

  @Option(names = "--sha", required = true, paramLabel = "SHA", description = "Approved head SHA.")
  String sha;

  @Option(names = "--priority", paramLabel = "N", description = "Higher goes first (default 0).")
  int priority;

  EnqueueCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    var api = client.client(context);
    return ClientOptions.call(
        context,
        () -> api.enqueue(queue, pr, sha, priority),
        answer -> {
          int position = 0;
          int i = 1;
          for (var e : answer.body().path("entries")) {
            if (e.path("pr").asInt() == pr) {
              position = i;
            }
            i++;
          }
          context
              .out()
              .printf(
                  "enqueued #%d in %s (position %d of %d)%n",
                  pr, answer.body().path("queue").asText(), position, i - 1);
        });
  }
}
