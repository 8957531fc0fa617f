package dev.velocitytrinity.core.daemon;

import dev.velocitytrinity.core.cli.Invocation;
import dev.velocitytrinity.core.cli.StopHook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run served by a daemon: stopped when its client cancels it or goes away. */
final class DaemonInvocation implements Invocation {

  private final boolean terminal;
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();

  DaemonInvocation(boolean terminal) {
    this.terminal = terminal;
  }

  @Override
  public boolean terminal() {
    return terminal;
  }

  @Override
  public boolean inDaemon() {
    return true;
  }

  @Override
  public StopHook onStop(String name, Runnable onStop) {
    Hook hook = new Hook(onStop);
    hooks.add(hook);
    return hook;
  }

  /** Runs every hook not yet closed, in the order they were registered. */
  void stop() {
    for (Hook hook : hooks) {
      hook.fire();
    }
  }

  private final class Hook implements StopHook {
    private final Runnable action;
    private boolean done;

    Hook(Runnable action) {
      this.action = action;
    }

    synchronized void fire() {
      if (!done) {
        done = true;
        action.run();
      }
    }

    @Override
    public synchronized void close() {
      done = true;
      hooks.remove(this);
    }
  }
}
