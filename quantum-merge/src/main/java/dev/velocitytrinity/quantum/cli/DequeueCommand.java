package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code quantum dequeue}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dequeue",
    description = "Remove a PR from a queue through the API.")
final class DequeueCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "owner/repo[:branch]")
  String queue;

  @Parameters(index = "1", paramLabel = "PR", description = "The PR number.")
  int pr;

  DequeueCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    var api = client.client(context);
    return ClientOptions.call(
        context,
        () -> api.dequeue(queue, pr),
        answer ->
            context
                .out()
                .printf("dequeued #%d from %s%n", pr, answer.body().path("queue").asText()));
  }
}
