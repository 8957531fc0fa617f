package dev.velocitytrinity.core.cli;

import dev.velocitytrinity.core.config.ConfigValue;
import dev.velocitytrinity.core.config.LoadedConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code <tool> config show}: every setting's effective value and its source; secrets masked. */
@Command(
    name = "show",
    description = "Print the effective config: each setting, its value and where it came from.",
    mixinStandardHelpOptions = true)
public final class ConfigShowCommand implements Callable<Integer> {

  private final CliContext context;

  ConfigShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    LoadedConfig<?> config = context.loadedConfig();
    if (context.globals().json()) {
      List<Map<String, Object>> settings = new ArrayList<>();
      for (ConfigValue v : config.values()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", v.setting().key());
        row.put("value", v.displayValue());
        row.put("source", v.origin().source().label());
        row.put("origin", v.origin().location());
        row.put("env", v.setting().envVar());
        row.put("secret", v.setting().isSecret());
        settings.add(row);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("tool", context.toolName());
      doc.put("settings", settings);
      context.printJson(doc);
      return ExitCode.OK;
    }
    int keyWidth =
        config.values().stream().mapToInt(v -> v.setting().key().length()).max().orElse(3);
    int valueWidth =
        Math.min(
            40, config.values().stream().mapToInt(v -> v.displayValue().length()).max().orElse(5));
    String format = "%-" + keyWidth + "s  %-" + Math.max(5, valueWidth) + "s  %s%n";
    context.out().printf(format, "KEY", "VALUE", "SOURCE");
    for (ConfigValue v : config.values()) {
      context.out().printf(format, v.setting().key(), v.displayValue(), v.origin().location());
    }
    return ExitCode.OK;
  }
}
