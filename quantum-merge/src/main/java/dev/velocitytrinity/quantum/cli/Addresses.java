package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.CommandException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses HOST:PORT and names this process. */
final class Addresses {

  private Addresses() {}

  static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandException.Usage("expected HOST:PORT, got '" + hostPort + "'");
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandException.Usage("expected HOST:PORT, got '" + hostPort + "'");
    }
    if (port < 0 || port > 65535) {
      throw new CommandException.Usage("port out of range: " + port);
    }
    return new InetSocketAddress(hostPort.substring(0, colon), port);
  }

  static String processName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host.replace(':', '-') + "-" + ProcessHandle.current().pid();
  }
}
