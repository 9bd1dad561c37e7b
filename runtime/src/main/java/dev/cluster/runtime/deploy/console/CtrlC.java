package dev.cluster.runtime.deploy.console;

/**
 * What happens when the user presses Ctrl-C (or the process gets SIGTERM) during a wait: say what
 * is left running, or put back what the command stopped. The JVM ends a process on SIGINT with exit
 * code 130 after running its shutdown hooks, without unwinding the main thread's {@code finally}
 * blocks, so a hook is the one place for it; it is removed as soon as the wait is over.
 */
public final class CtrlC implements AutoCloseable {
  private final Thread hook;

  private CtrlC(Thread hook) {
    this.hook = hook;
  }

  static CtrlC whileWaiting(Runnable sayWhatIsLeftRunning) {
    Thread hook = new Thread(sayWhatIsLeftRunning, "deploy-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    return new CtrlC(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run; nothing to undo
    }
  }
}
