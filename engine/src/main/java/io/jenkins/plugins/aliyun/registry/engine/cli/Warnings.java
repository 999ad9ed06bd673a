package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Warnings go to stderr, one line each, so stdout stays machine-readable. */
final class Warnings {

    private Warnings() {}

    static void print(CommandSpec spec, List<String> warnings) {
        print(spec.commandLine().getErr(), warnings);
    }

    static void print(PrintWriter err, List<String> warnings) {
        for (String w : warnings) {
            err.println("aliyun-cr: warning: " + Main.oneLine(w));
        }
    }
}
