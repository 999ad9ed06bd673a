import io.jenkins.plugins.aliyun.registry.engine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/**
 * Runs the same {@code aliyun-cr} command N times in one JVM, as {@code pushImage} does on a Jenkins
 * agent, whose JVM outlives the build: the first run pays the JVM's first use of TLS and of our
 * code, the later ones do not. Prints each run's own time (from the command's start to its result,
 * read from the command's last line) on one line: {@code warm: FIRST REST...}. In the arguments,
 * {@code {n}} becomes the run's number (1, 2, ...), e.g. to copy into a new repository each time.
 *
 * <p>Run as a single-file program: {@code java -cp aliyun-cr.jar WarmPush.java N push ARGS...}.
 */
public final class WarmPush {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        StringBuilder times = new StringBuilder("warm:");
        for (int i = 0; i < n; i++) {
            String[] command = Arrays.copyOfRange(args, 1, args.length);
            for (int a = 0; a < command.length; a++) {
                command[a] = command[a].replace("{n}", Integer.toString(i + 1));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(command, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            String log = err.toString().strip();
            if (code != 0) {
                System.err.println("WarmPush: run " + (i + 1) + " failed with exit code " + code + ": " + log);
                System.exit(1);
            }
            String last = log.substring(log.lastIndexOf('\n') + 1);
            int at = last.lastIndexOf(" in ");
            if (at < 0 || !last.endsWith(" ms")) {
                System.err.println("WarmPush: no time in the command's last line: " + last);
                System.exit(1);
            }
            times.append(' ').append(last, at + 4, last.length() - 3);
        }
        System.out.println(times);
    }
}
