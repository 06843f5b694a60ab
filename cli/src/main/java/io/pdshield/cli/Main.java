package io.pdshield.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./pdshield} executable: one command with subcommands. */
@Command(name = "pdshield", mixinStandardHelpOptions = true, version = "pdshield 0.1.0",
        description = "Finds and stops the dissemination of personal data in messenger channels and bots.",
        subcommands = {DemoCommand.class, ServeCommand.class, TokenCommand.class, EvidenceCommand.class, OperatorSimCommand.class, ScanCommand.class, StreamCommand.class, BanCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
