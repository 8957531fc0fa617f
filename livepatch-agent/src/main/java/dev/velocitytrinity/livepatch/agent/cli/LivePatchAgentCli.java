package dev.velocitytrinity.livepatch.agent.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.livepatch.agent.config.AgentConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The {@code livepatch-agent} command. */
@Command(
    name = "livepatch-agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The in-container agent that receives LivePatch syncs.",
    subcommands = {ConfigCommand.class})
public final class LivePatchAgentCli extends RootCommand {

  public static void main(String[] args) {
    ToolMain.exit(LivePatchAgentCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(LivePatchAgentCli.class, AgentConfig.SCHEMA).run(args, out, err, env);
  }
}
