/**
 * A tool daemon: a long-running JVM that serves later runs of a command warm, and the small client
 * a command's {@code main} uses to hand its whole invocation (arguments, working directory,
 * environment, terminal) to it over a Unix domain socket in a folder only its user can open.
 * Nothing here loads picocli, logging or config: the client side runs before any of them would.
 */
package dev.velocitytrinity.core.daemon;
