package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.util.Locale;
import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A password given as an argument, where other users of the machine can see it. The commands that
 * log in declare {@code --password} (and {@code -p}, as {@code docker login} has it) as hidden options
 * that this consumer refuses, so the value is never echoed; {@link #mask} keeps picocli's messages
 * about any other option from echoing a value that looks like a secret.
 */
final class PasswordOption implements CommandLine.IParameterConsumer {

    /** Option names whose values may be secrets: {@code --password}, {@code --token}, {@code --docker-password}… */
    private static final Pattern SECRET_NAME = Pattern.compile("-{1,2}[^=]*(?:pass|pw|token|secret|auth|credential|key)[^=]*");

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        String name = argSpec instanceof OptionSpec option ? option.longestName() : "--password";
        throw new CommandLine.ParameterException(commandSpec.commandLine(),
                "passwords are read from standard input: use " + name + "-stdin");
    }

    /**
     * {@code message} (picocli's, about {@code args}) with the value of every secret-looking option
     * written as {@code ****}: that of {@code --name=value}, and the argument after {@code --name}, also
     * after {@code --password-stdin}, which takes no value but is easily given the password by mistake.
     */
    static String mask(String message, String[] args) {
        if (message == null) {
            return null;
        }
        String masked = message;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null || !arg.startsWith("-")) {
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                continue;
            }
            if (eq >= 0 && eq + 1 < arg.length()) {
                masked = masked.replace(arg, name + "=****").replace("'" + arg.substring(eq + 1) + "'", "'****'");
            } else if (eq < 0 && i + 1 < args.length && args[i + 1] != null && !args[i + 1].isEmpty()) {
                masked = masked.replace("'" + args[i + 1] + "'", "'****'");
            }
        }
        return masked;
    }
}
