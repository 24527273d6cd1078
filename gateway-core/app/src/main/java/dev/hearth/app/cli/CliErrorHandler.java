package dev.hearth.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into what a user should see: a failing command prints {@code error: <message>} and
 * exits 1; bad arguments print the message and a usage hint and exit 2. Stack traces only with
 * HEARTH_DEBUG=1.
 */
final class CliErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int EXIT_FAILURE = 1;

    private final boolean debug;

    CliErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("error: " + message.lines().findFirst().orElse(message));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return EXIT_FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (debug) ex.printStackTrace(err);
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
