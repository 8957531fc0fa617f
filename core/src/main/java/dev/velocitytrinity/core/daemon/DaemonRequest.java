package dev.velocitytrinity.core.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation handed to a daemon: everything the command would have read from its own process.
 *
 * @param args the command line, as {@code main} got it
 * @param workingDirectory the client's working directory, which relative paths resolve against
 * @param env the client's environment variables (config, credentials' locations); never logged
 * @param terminal whether the client's output is a terminal
 */
public record DaemonRequest(
    List<String> args, Path workingDirectory, Map<String, String> env, boolean terminal) {

  /** Bumped whenever the encoding changes; a daemon declines requests of another version. */
  static final int VERSION = 1;

  public DaemonRequest {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(args.size());
      for (String arg : args) {
        writeString(out, arg);
      }
      writeString(out, workingDirectory.toString());
      out.writeInt(env.size());
      for (Map.Entry<String, String> e : env.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
      out.writeBoolean(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * @throws ProtocolException if the payload is of another version or malformed
   */
  static DaemonRequest decode(byte[] payload) throws ProtocolException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new ProtocolException("request version " + version + ", expected " + VERSION);
      }
      int argc = count(in);
      List<String> args = new ArrayList<>(argc);
      for (int i = 0; i < argc; i++) {
        args.add(readString(in));
      }
      Path cwd = Path.of(readString(in));
      int envc = count(in);
      Map<String, String> env = new LinkedHashMap<>();
      for (int i = 0; i < envc; i++) {
        env.put(readString(in), readString(in));
      }
      return new DaemonRequest(args, cwd, env, in.readBoolean());
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ProtocolException("malformed request: " + e.getMessage());
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new ProtocolException("count " + n);
    }
    return n;
  }

  // Not writeUTF: it caps a string at 64 KiB, and an environment variable may be longer.
  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > FrameChannel.MAX_PAYLOAD) {
      throw new ProtocolException("string of " + length + " bytes");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
