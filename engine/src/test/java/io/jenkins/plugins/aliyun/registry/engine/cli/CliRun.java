package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {

    static CliRun withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return withStdin("", args);
    }

    String all() {
        return out + err;
    }
}
