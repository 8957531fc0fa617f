package dev.velocitytrinity.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML config file into raw values keyed by dotted setting key, keeping each key's line
 * and column. It composes SnakeYAML's node tree (safe: no tags, no custom types) rather than
 * binding objects, because binding throws the positions away.
 */
final class YamlConfigReader {

  private final ConfigSchema<?> schema;

  YamlConfigReader(ConfigSchema<?> schema) {
    this.schema = schema;
  }

  /** Values found in {@code file}; problems are added to {@code problems}. */
  List<RawValue> read(
      Path file, String displayName, ConfigSource source, List<ConfigProblem> problems) {
    List<RawValue> values = new ArrayList<>();
    Node root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = yaml().compose(reader);
    } catch (NoSuchFileException e) {
      problems.add(new ConfigProblem(new ConfigOrigin(source, displayName), "file not found"));
      return values;
    } catch (MalformedInputException e) {
      problems.add(
          new ConfigProblem(new ConfigOrigin(source, displayName), "file is not UTF-8 text"));
      return values;
    } catch (IOException e) {
      problems.add(
          new ConfigProblem(
              new ConfigOrigin(source, displayName), "cannot read file: " + e.getMessage()));
      return values;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getContext();
      problems.add(new ConfigProblem(at(source, displayName, mark), "invalid YAML: " + what));
      return values;
    } catch (YAMLException e) {
      problems.add(
          new ConfigProblem(
              new ConfigOrigin(source, displayName), "invalid YAML: " + e.getMessage()));
      return values;
    }
    if (root == null) {
      return values; // an empty file sets nothing
    }
    if (!(root instanceof MappingNode mapping)) {
      problems.add(
          new ConfigProblem(
              at(source, displayName, root.getStartMark()),
              "expected a mapping of settings at the top of the file"));
      return values;
    }
    walk(mapping, "", source, displayName, values, problems);
    return values;
  }

  private void walk(
      MappingNode mapping,
      String prefix,
      ConfigSource source,
      String file,
      List<RawValue> values,
      List<ConfigProblem> problems) {
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      ConfigOrigin origin = at(source, file, keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        problems.add(new ConfigProblem(origin, "setting names must be plain text"));
        continue;
      }
      String key = prefix + scalarKey.getValue();
      if (!seen.add(scalarKey.getValue())) {
        problems.add(new ConfigProblem(origin, "duplicate key '" + key + "'"));
        continue;
      }
      Node valueNode = tuple.getValueNode();
      var setting = schema.find(key);
      if (setting.isPresent()) {
        readLeaf(setting.get(), valueNode, origin, values, problems);
      } else if (schema.isGroup(key)) {
        if (valueNode instanceof MappingNode nested) {
          walk(nested, key + ".", source, file, values, problems);
        } else if (!isNull(valueNode)) {
          problems.add(
              new ConfigProblem(
                  origin, "'" + key + "' is a group of settings: expected a mapping"));
        }
      } else {
        problems.add(new ConfigProblem(origin, unknownKeyMessage(key)));
      }
    }
  }

  private void readLeaf(
      Setting setting,
      Node node,
      ConfigOrigin origin,
      List<RawValue> values,
      List<ConfigProblem> problems) {
    if (setting.type() == List.class) {
      if (node instanceof SequenceNode seq) {
        List<String> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
          if (item instanceof ScalarNode s) {
            items.add(s.getValue());
          } else {
            problems.add(
                new ConfigProblem(
                    at(origin.source(), fileOf(origin), item.getStartMark()),
                    setting.key() + ": expected a list of strings"));
            return;
          }
        }
        values.add(new RawValue(setting.key(), List.copyOf(items), origin));
        return;
      }
    }
    if (node instanceof ScalarNode scalar) {
      if (isNull(node)) {
        return; // "key:" with no value keeps the weaker source's value
      }
      values.add(new RawValue(setting.key(), scalar.getValue(), origin));
    } else {
      problems.add(new ConfigProblem(origin, setting.key() + ": expected a " + setting.typeName()));
    }
  }

  private String unknownKeyMessage(String key) {
    List<String> known = schema.settings().stream().map(Setting::key).toList();
    return Suggestions.closest(key, known)
        .map(s -> "unknown setting '" + key + "'; did you mean '" + s + "'?")
        .orElse(
            "unknown setting '"
                + key
                + "' (see '"
                + schema.tool()
                + " config show' for all settings)");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && node.getTag().getValue().endsWith(":null");
  }

  private static String fileOf(ConfigOrigin origin) {
    String loc = origin.location();
    int colon = loc.lastIndexOf(':', loc.lastIndexOf(':') - 1);
    return colon > 0 ? loc.substring(0, colon) : loc;
  }

  private static ConfigOrigin at(ConfigSource source, String file, Mark mark) {
    if (mark == null) {
      return new ConfigOrigin(source, file);
    }
    return ConfigOrigin.file(source, file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(1 << 20);
    return new Yaml(new SafeConstructor(options));
  }
}
