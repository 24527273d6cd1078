package dev.hearth.tools.ctl;

import picocli.CommandLine.Command;

/**
 * {@code hearth ctl}: the cloud side, from a terminal: keys, watching what a gateway publishes,
 * listing its devices, and signed commands: device commands, reads, rooms and shares. The lead
 * adds it under the top-level {@code hearth} command.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true, description = "Talk to a gateway through its MQTT broker, as the cloud does.",
        subcommands = {KeysCommand.class, WatchCommand.class, DevicesCommand.class, SetCommand.class, ActionCommand.class,
                ReadCommand.class, RoomsCommand.class, RoomCommand.class, AssignCommand.class, ShareCommand.class,
                ShareAnswerCommands.List.class, ShareAnswerCommands.Accept.class, ShareAnswerCommands.Decline.class,
                ShareAnswerCommands.Revoke.class, UserCommand.class, PolicyCommand.class, PrivacyCtlCommand.class,
                ConsentCtlCommand.class})
public final class CtlCommand {
}
