package io.billhook.cli;

/** A command that cannot be done: a one-line message and the exit code that says why. */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
