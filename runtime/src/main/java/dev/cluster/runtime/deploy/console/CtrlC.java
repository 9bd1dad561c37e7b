package dev.cluster.runtime.deploy.console;

/**
 * Says what is left running when the user presses Ctrl-C during a wait. The JVM ends a process
 * on SIGINT with exit code 130 after running its shutdown hooks, so a hook that prints the
 * message is all that is needed, and it is removed as soon as the wait is over.
 */
final class CtrlC implements AutoCloseable {
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
