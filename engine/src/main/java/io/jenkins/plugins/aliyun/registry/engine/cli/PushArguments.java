package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the arguments of a plain {@code push} call without picocli, whose classes (compiled for
 * Java 5) cannot be kept in the launcher's class-data archive and cost ~80 ms at every start: a
 * repeat push is otherwise done in about twice that. Only a call that is entirely well formed is
 * read here — two positionals and known options, each value-taking option once (bar
 * {@code --additional-tag}) with a value that is not an option; anything else (help, an unknown or
 * repeated option, a missing value, an {@code @FILE} argument picocli would expand, a path Java
 * cannot hold) returns {@code null} and goes to picocli, so every message and every edge case stays
 * picocli's.
 */
final class PushArguments {

    /** {@link PushCommand}'s options that take a value (a test keeps these three sets equal to picocli's model of it). */
    static final Set<String> WITH_VALUE = Set.of(
            "--additional-tag", "--username", "--docker-config", "--ca-cert", "--source-username", "--source-ca-cert", "--cache-dir");
    /** Its options without a value. */
    static final Set<String> FLAGS = Set.of(
            "--password-stdin", "--insecure", "--source-password-stdin", "--source-insecure", "--no-cache", "--json");
    /** Its options that may be given more than once. */
    static final Set<String> REPEATABLE = Set.of("--additional-tag");

    private PushArguments() {}

    /** The command for {@code args} (those after {@code push}), or {@code null} to let picocli read them. */
    static PushCommand parse(List<String> args) {
        try {
            return read(args);
        } catch (InvalidPathException e) {
            // picocli's converter (Main.path) says which option and why
            return null;
        }
    }

    private static PushCommand read(List<String> args) {
        if (args.stream().anyMatch(arg -> arg.startsWith("@"))) {
            // picocli replaces "@FILE" with the arguments in FILE
            return null;
        }
        PushCommand push = new PushCommand();
        Set<String> seen = new HashSet<>();
        int positionals = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                if (positionals == 0) {
                    push.source = arg;
                } else if (positionals == 1) {
                    push.destination = arg;
                } else {
                    return null;
                }
                positionals++;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            boolean repeatable = REPEATABLE.contains(name);
            if (!repeatable && !seen.add(name)) {
                return null;
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    return null;
                }
                setFlag(push, name);
            } else if (WITH_VALUE.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        return null;
                    }
                    value = args.get(++i);
                }
                setValue(push, name, value);
            } else {
                return null;
            }
        }
        return positionals == 2 ? push : null;
    }

    private static void setFlag(PushCommand push, String name) {
        switch (name) {
            case "--password-stdin" -> push.passwordStdin = true;
            case "--insecure" -> push.insecure = true;
            case "--source-password-stdin" -> push.sourcePasswordStdin = true;
            case "--source-insecure" -> push.sourceInsecure = true;
            case "--no-cache" -> push.noCache = true;
            default -> push.json = true;
        }
    }

    private static void setValue(PushCommand push, String name, String value) {
        switch (name) {
            case "--additional-tag" -> push.additionalTags.add(value);
            case "--username" -> push.username = value;
            case "--docker-config" -> push.dockerConfig = path(value);
            case "--ca-cert" -> push.caCert = path(value);
            case "--source-username" -> push.sourceUsername = value;
            case "--source-ca-cert" -> push.sourceCaCert = path(value);
            default -> push.cacheDir = path(value);
        }
    }

    private static Path path(String value) {
        return Paths.get(value);
    }
}
