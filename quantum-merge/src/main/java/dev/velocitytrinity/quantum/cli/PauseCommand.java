package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code quantum pause}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "pause",
    description = "Pause a queue: no builds start and nothing merges.")
final class PauseCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "owner/repo[:branch]")
  String queue;

  PauseCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    var api = client.client(context);
    return ClientOptions.call(
        context,
        () -> api.pause(queue, true),
        answer -> context.out().printf("paused %s%n", answer.body().path("queue").asText()));
  }
}
