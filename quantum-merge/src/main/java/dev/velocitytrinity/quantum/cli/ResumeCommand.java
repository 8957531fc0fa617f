package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code quantum resume}. */
@Command(mixinStandardHelpOptions = true, name = "resume", description = "Resume a paused queue.")
final class ResumeCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "QUEUE", description = "owner/repo[:branch]")
  String queue;

  ResumeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    var api = client.client(context);
    return ClientOptions.call(
        context,
        () -> api.pause(queue, false),
        answer -> context.out().printf("resumed %s%n", answer.body().path("queue").asText()));
  }
}
