package dev.velocitytrinity.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import dev.velocitytrinity.core.config.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hibernate.validator.constraints.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

class ToolRunnerTest {

  static final class SampleConfig {
    @Doc("Workers.")
    @Range(min = 1, max = 8)
    int workers = 2;

    @Doc("API token.")
    Secret token;
  }

  static final ConfigSchema<SampleConfig> SCHEMA = ConfigSchema.of("sample", SampleConfig.class);

  @Command(
      name = "sample",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      subcommands = {
        ConfigCommand.class,
        Echo.class,
        Boom.class,
        Fail.class,
        Unavailable.class,
        LogToken.class
      })
  static final class SampleCli extends RootCommand {}

  @Command(name = "echo")
  static final class Echo implements Callable<Integer> {
    private final CliContext context;

    Echo(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Globals g = context.globals();
      context
          .out()
          .println(
              "format="
                  + g.format()
                  + " verbose="
                  + g.verbose()
                  + " workers="
                  + context.config(SampleConfig.class).workers);
      return 0;
    }
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("bug near ghp_16C7e42F292c6912E7710c838347Ae178B4a");
    }
  }

  @Command(name = "fail")
  static final class Fail implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new CommandException.Failed("3 tests failed");
    }
  }

  @Command(name = "unavailable")
  static final class Unavailable implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new CommandException.Unavailable("cannot reach redis://localhost:1", null);
    }
  }

  @Command(name = "log-token")
  static final class LogToken implements Callable<Integer> {
    private final CliContext context;

    LogToken(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      String token = context.config(SampleConfig.class).token.reveal();
      LoggerFactory.getLogger("sample").warn("connecting with {}", token);
      return 0;
    }
  }

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  record Result(int code, String out, String err) {}

  private Result run(String... args) {
    env.putIfAbsent("HOME", dir.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new ToolRunner(SampleCli.class, SCHEMA)
            .run(args, new PrintWriter(out), new PrintWriter(err), new ToolEnvironment(env, dir));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void run_version_printsToolAndBuildVersion() {
    Result r = run("--version");

    assertThat(r.code()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).startsWith("sample " + VersionProvider.buildVersion());
    assertThat(VersionProvider.buildVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void run_noCommand_usageOnStderrExit2() {
    Result r = run();

    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).startsWith("sample: error: missing command").contains("Usage: sample");
  }

  @Test
  void run_unknownOption_oneLineErrorExit2NoStackTrace() {
    Result r = run("echo", "--nope");

    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "sample: error: Unknown option: '--nope'\n"
                + "Try 'sample echo --help' for more information.\n");
  }

  @Test
  void run_globalOptionsBeforeOrAfterSubcommand_bothApply() {
    assertThat(run("--format", "json", "-v", "echo").out())
        .isEqualTo("format=JSON verbose=true workers=2\n");
    assertThat(run("echo", "--format", "json", "--verbose").out())
        .isEqualTo("format=JSON verbose=true workers=2\n");
  }

  @Test
  void run_badFormatValue_exit2() {
    Result r = run("echo", "--format", "yaml");

    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--format").contains("yaml").doesNotContain("\tat ");
  }

  @Test
  void run_internalError_exit4WithoutTraceUnlessAsked() {
    Result plain = run("boom");
    Result traced = run("boom", "--stacktrace");

    assertThat(plain.code()).isEqualTo(ExitCode.INTERNAL);
    assertThat(plain.err())
        .startsWith("sample: internal error: java.lang.IllegalStateException: bug near")
        .contains("--stacktrace")
        .doesNotContain("\tat ")
        .doesNotContain("ghp_16C7e42F292c6912E7710c838347Ae178B4a");
    assertThat(traced.err())
        .contains("\tat dev.velocitytrinity.core.cli.ToolRunnerTest$Boom.call")
        .doesNotContain("ghp_16C7e42F292c6912E7710c838347Ae178B4a");
  }

  @Test
  void run_commandFailures_mapToTheirExitCodes() {
    Result failed = run("fail");
    Result unavailable = run("unavailable");

    assertThat(failed.code()).isEqualTo(ExitCode.FAILED);
    assertThat(failed.err()).isEqualTo("sample: error: 3 tests failed\n");
    assertThat(unavailable.code()).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void run_badConfigFile_exit2WithLocation() throws IOException {
    Files.writeString(dir.resolve("sample.yml"), "workers: 99\n");

    Result r = run("echo");

    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).isEqualTo("sample.yml:1:1: error: workers must be between 1 and 8\n");
  }

  @Test
  void run_configOptionNamesMissingFile_exit2() {
    Result r = run("config", "show", "--config", "missing.yml");

    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).isEqualTo("missing.yml: error: file not found\n");
  }

  @Test
  void configShow_secretFromEnv_maskedInTextAndJson() throws IOException {
    env.put("SAMPLE_TOKEN", "tok-very-secret-1234");
    Files.writeString(dir.resolve("sample.yml"), "workers: 3\n");

    Result text = run("config", "show");
    Result json = run("config", "show", "--format", "json");

    assertThat(text.code()).isZero();
    assertThat(text.out())
        .contains("workers", "3", "sample.yml:1:1")
        .contains("token", "****", "env SAMPLE_TOKEN")
        .doesNotContain("tok-very-secret-1234");
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("tool").asText()).isEqualTo("sample");
    assertThat(doc.get("settings").get(1).get("value").asText()).isEqualTo("****");
    assertThat(doc.get("settings").get(1).get("secret").asBoolean()).isTrue();
    assertThat(json.out()).doesNotContain("tok-very-secret-1234");
  }

  @Test
  void run_secretFromEnvLogged_isScrubbedByExactValue() {
    env.put("SAMPLE_TOKEN", "plain-looking-value");

    Result r = run("log-token", "--verbose");

    assertThat(r.code()).isZero();
    assertThat(r.err())
        .contains("connecting with <redacted:configured-secret>")
        .doesNotContain("plain-looking-value");
  }

  @Test
  void run_jsonLogFormat_emitsJsonLines() throws IOException {
    env.put("SAMPLE_TOKEN", "plain-looking-value");

    Result r = run("log-token", "--log-format", "json");

    JsonNode line = new ObjectMapper().readTree(r.err().lines().findFirst().orElseThrow());
    assertThat(line.get("message").asText())
        .isEqualTo("connecting with <redacted:configured-secret>");
  }

  @Test
  void completion_printsBashScript() {
    Result r = run("completion");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("sample");
  }
}
