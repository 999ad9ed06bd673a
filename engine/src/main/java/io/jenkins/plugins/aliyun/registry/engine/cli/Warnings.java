package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Warnings go to stderr, one line each, so stdout stays machine-readable. */
final class Warnings {

    private Warnings() {}

    static void print(CommandSpec spec, List<String> warnings) {
        for (String w : warnings) {
            spec.commandLine().getErr().println("aliyun-cr: warning: " + Main.oneLine(w));
        }
    }
}
