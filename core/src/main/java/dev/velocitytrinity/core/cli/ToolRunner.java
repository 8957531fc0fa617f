package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.config.ConfigException;
import dev.velocitytrinity.core.config.ConfigLoader;
import dev.velocitytrinity.core.config.ConfigProblem;
import dev.velocitytrinity.core.config.ConfigSchema;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a tool's picocli command tree with the shared plumbing: global options, constructor
 * injection of {@link CliContext}, scrubbed compiler-style error messages and fixed exit codes. One
 * runner may serve many runs, one after another (a tool daemon): what it keeps between them is only
 * what does not depend on a run (the config validator).
 */
public final class ToolRunner {

  private final Class<?> rootCommand;
  private final ConfigSchema<?> schema;
  private final ConfigLoader configLoader = new ConfigLoader();

  public ToolRunner(Class<?> rootCommand, ConfigSchema<?> schema) {
    this.rootCommand = rootCommand;
    this.schema = schema;
  }

  /** Runs the tool with logs going to {@code err}. */
  public int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment environment) {
    return run(args, out, err, environment, new WriterOutputStream(err));
  }

  public int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      ToolEnvironment environment,
      OutputStream logTarget) {
    CliContext context = new CliContext(schema, out, err, environment, logTarget, configLoader);
    CommandLine cli = commandLine(context);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command tree, for tests and for generating completion scripts. */
  public CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(rootCommand, new ContextFactory(context));
    cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    cli.getSubcommands()
        .get("completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false)
        .description(
            "Print a bash/zsh completion script: source <(" + schema.tool() + " completion)");
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(
        parse -> {
          context.start(Globals.from(parse), !helpRequested(parse));
          return new CommandLine.RunLast().execute(parse);
        });
    cli.setParameterExceptionHandler((ex, args) -> usageError(context, ex));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parse) -> executionError(context, ex, parse));
    return cli;
  }

  // --help and --version print and exit: setting up logging for them would only slow them down.
  private static boolean helpRequested(ParseResult parse) {
    for (ParseResult p = parse; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private int usageError(CliContext context, ParameterException ex) {
    PrintWriter err = context.err();
    err.println(schema.tool() + ": error: " + context.scrubber().scrub(ex.getMessage()));
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    err.println("Try '" + command + " --help' for more information.");
    return ExitCode.USAGE;
  }

  private int executionError(CliContext context, Exception ex, ParseResult parse) {
    PrintWriter err = context.err();
    boolean stacktrace = Globals.from(parse).stacktrace();
    int code;
    if (ex instanceof ConfigException config) {
      for (ConfigProblem problem : config.problems()) {
        err.println(context.scrubber().scrub(problem.format()));
      }
      code = ExitCode.USAGE;
    } else if (ex instanceof CommandException command) {
      err.println(schema.tool() + ": error: " + context.scrubber().scrub(command.getMessage()));
      code = command.exitCode();
    } else if (ex instanceof InterruptedException) {
      err.println(schema.tool() + ": interrupted");
      code = ExitCode.INTERRUPTED;
    } else {
      err.println(
          schema.tool()
              + ": internal error: "
              + context.scrubber().scrub(String.valueOf(ex))
              + (stacktrace ? "" : " (run again with --stacktrace and report it)"));
      code = ExitCode.INTERNAL;
    }
    if (stacktrace) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(context.scrubber().scrub(trace.toString()));
    }
    return code;
  }

  /** Creates commands through a constructor taking {@link CliContext} when they have one. */
  private static final class ContextFactory implements IFactory {
    private final CliContext context;
    private final IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
        constructor.setAccessible(true);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }
}
