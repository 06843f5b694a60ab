package io.pdshield.cli;

import io.pdshield.service.Clock;
import io.pdshield.service.Role;
import io.pdshield.service.Service;
import io.pdshield.service.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code pdshield token create --role ROLE}: prints a new API token (shown once; the store keeps its hash). */
@Command(name = "token", description = "Manages API tokens.", subcommands = TokenCommand.Create.class)
public final class TokenCommand implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "give a subcommand: create");
    }

    @Command(name = "create", description = "Creates a token and prints it (once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--role", required = true, description = "admin, analyst, reviewer, subject or operator-gateway.")
        String role;

        @Option(names = "--name", description = "Who it is for (shown in the audit log).")
        String name;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() throws Exception {
            Role r = Role.parse(role);
            try (Service s = Service.open(store.config(), Clock.SYSTEM)) {
                Tokens.Created t = s.tokens().create(r, name);
                s.audit().log(null, "token.create", "token:" + t.principal().tokenId(), "role " + r.id() + " (command line)");
                System.out.println(t.token());
            }
            return 0;
        }
    }
}
