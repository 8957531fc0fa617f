package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.quantum.config.QuantumConfig;
import dev.velocitytrinity.quantum.server.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --server} and the call plumbing shared by the API client commands. */
final class ClientOptions {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The quantum serve API (setting client.server).")
  String server;

  ApiClient client(CliContext context) {
    if (server != null) {
      context.setFromFlag("client.server", "--server", server);
    }
    QuantumConfig config = context.config(QuantumConfig.class);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new ApiClient(URI.create(config.client().server()), http);
  }

  /** Calls the API; unreachable is exit 3, a refusal exit 1, success prints via {@code ok}. */
  static int call(CliContext context, Call call, java.util.function.Consumer<ApiClient.Answer> ok)
      throws InterruptedException {
    return call(context, call, ok, true);
  }

  /** As above; {@code printJson} false leaves all printing to {@code ok}. */
  static int call(
      CliContext context,
      Call call,
      java.util.function.Consumer<ApiClient.Answer> ok,
      boolean printJson)
      throws InterruptedException {
    ApiClient.Answer answer;
    try {
      answer = call.run();
    } catch (ApiClient.UnreachableException e) {
      throw new CommandException.Unavailable(e.getMessage(), null);
    }
    if (answer.status() == 503) {
      throw new CommandException.Unavailable(answer.error(), null);
    }
    if (answer.status() == 400) {
      throw new CommandException.Usage(answer.error());
    }
    if (!answer.ok()) {
      throw new CommandException.Failed(answer.error());
    }
    if (printJson && context.globals().json()) {
      context.printJson(answer.body());
    } else {
      ok.accept(answer);
    }
    return ExitCode.OK;
  }

  /** One API call. */
  @FunctionalInterface
  interface Call {
    ApiClient.Answer run() throws ApiClient.UnreachableException, InterruptedException;
  }
}
