package dev.velocitytrinity.core.daemon;

import dev.velocitytrinity.core.cli.ToolEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where one build of a tool keeps its daemon: the socket, the lock its daemon holds while it runs,
 * and its log, all in a folder that only the user can open ({@code 0700}). The file names carry a
 * key of the distribution's path, its jar and the Java running it, so a rebuilt or different
 * distribution never talks to an older daemon.
 */
public record DaemonAddress(Path socket, Path lock, Path log) {

  /** Unix domain socket paths are at most 108 bytes on Linux and 104 on macOS, with the NUL. */
  static final int MAX_SOCKET_PATH_BYTES = 100;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  /** The address whose socket is {@code socket}; its lock and log lie beside it. */
  public static DaemonAddress at(Path socket) {
    Path dir = socket.toAbsolutePath().getParent();
    String file = socket.getFileName().toString();
    String base = file.endsWith(".sock") ? file.substring(0, file.length() - 5) : file;
    return new DaemonAddress(
        socket.toAbsolutePath(), dir.resolve(base + ".lock"), dir.resolve(base + ".log"));
  }

  /**
   * The address for {@code tool} as run from a packaged launcher (which sets {@code vt.home}), or
   * empty where there is none: no launcher, Windows, or a folder path too long for a socket.
   */
  public static Optional<DaemonAddress> locate(String tool, ToolEnvironment environment) {
    String home = System.getProperty("vt.home");
    if (home == null
        || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return Optional.empty();
    }
    Path dir = directory(environment);
    String name = tool + "-" + buildKey(home) + ".sock";
    Path socket = dir.resolve(name);
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
      return Optional.empty();
    }
    return Optional.of(at(socket));
  }

  /** {@code $XDG_RUNTIME_DIR/velocity-trinity}, else the user's cache folder's {@code daemon}. */
  static Path directory(ToolEnvironment environment) {
    String runtime = environment.env().get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
      return Path.of(runtime, "velocity-trinity");
    }
    return environment.userCacheDir().resolve("daemon");
  }

  /**
   * A short key of the distribution folder, its jar (size and modification time) and the Java home.
   * Not a secret and not a security boundary (the folder's permissions are): a fast 64-bit FNV-1a
   * keeps MessageDigest and the security providers out of the client's start-up.
   */
  static String buildKey(String distributionHome) {
    String jar = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
    StringBuilder identity = new StringBuilder(distributionHome).append('\n').append(jar);
    try {
      Path jarPath = Path.of(jar);
      identity
          .append('\n')
          .append(Files.size(jarPath))
          .append('\n')
          .append(Files.getLastModifiedTime(jarPath).toMillis());
    } catch (IOException | RuntimeException e) {
      identity.append("\n?");
    }
    identity.append('\n').append(System.getProperty("java.home"));
    // Fixed at JVM start from the locale: a daemon started under LANG=C cannot name the files of a
    // client in a UTF-8 locale (nor the other way round), so each gets its own daemon.
    identity.append('\n').append(System.getProperty("sun.jnu.encoding"));
    long hash = 0xcbf29ce484222325L;
    for (byte b : identity.toString().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    // Not String.format: its first use loads the locale data, milliseconds of the client's start.
    String hex = "000000000000000" + Long.toHexString(hash);
    return hex.substring(hex.length() - 16, hex.length() - 4);
  }

  /** Whether the folder exists, belongs to this user and only this user can open it. */
  public boolean isPrivate() {
    return privateFolderProblem(socket.getParent()).isEmpty();
  }

  /**
   * Creates the folder with {@code 0700} if it is missing (and its parents), or tightens an
   * existing one of this user's to {@code 0700}.
   *
   * @throws IOException if it cannot, or the folder belongs to someone else
   */
  public void createPrivateFolder() throws IOException {
    Path dir = socket.getParent();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        // Another client created it meanwhile; checked below like any existing folder.
      }
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null && view.readAttributes().owner().getName().equals(currentUser())) {
      view.setPermissions(OWNER_ONLY);
    }
    Optional<String> problem = privateFolderProblem(dir);
    if (problem.isPresent()) {
      throw new IOException(problem.get());
    }
  }

  static Optional<String> privateFolderProblem(Path dir) {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return Optional.of(dir + ": the file system has no POSIX permissions");
    } catch (IOException e) {
      return Optional.of(dir + ": " + e.getMessage());
    }
    if (!attributes.isDirectory()) {
      return Optional.of(dir + ": not a directory");
    }
    String owner = attributes.owner().getName();
    if (!owner.equals(currentUser())) {
      return Optional.of(dir + ": belongs to " + owner + ", not to this user");
    }
    if (!OWNER_ONLY.containsAll(attributes.permissions())) {
      return Optional.of(
          dir
              + ": others may open it ("
              + PosixFilePermissions.toString(attributes.permissions())
              + "), so it is not used");
    }
    return Optional.empty();
  }

  /**
   * This process's user as file owners and socket peers are named: the user's name, or, for a user
   * id the system has no name for (a container run with an arbitrary uid, where the JVM's {@code
   * user.name} is "?"), the id itself, read off a file this process creates.
   */
  static String currentUser() {
    String name = System.getProperty("user.name");
    if (!"?".equals(name)) {
      return name;
    }
    try {
      Path probe = Files.createTempFile("velocity-trinity-user", null);
      try {
        return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS).getName();
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return name; // no daemon then: nothing will match
    }
  }

  /** For messages: the socket's path. */
  @Override
  public String toString() {
    return socket.toString();
  }
}
