package dev.hearth.tools.ctl;

import picocli.CommandLine.Option;

/** {@code --as USER}: the user a signed command is for (a picocli mixin). */
final class UserOption {
    @Option(names = "--as", required = true, paramLabel = "USER", description = "the user the command is for")
    String user;
}
