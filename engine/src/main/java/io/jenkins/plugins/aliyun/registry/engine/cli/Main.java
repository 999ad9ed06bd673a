package io.jenkins.plugins.aliyun.registry.engine.cli;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.Text;
import io.jenkins.plugins.aliyun.registry.engine.push.ImagePush;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code aliyun-cr}: the engine on the command line. Exit codes: 0 done, 2 invalid input (nothing
 * touched the network), 1 the operation failed. Errors are one line on stderr; {@code --json}
 * prints one JSON object on stdout. Passwords are read only from standard input.
 */
@Command(
        name = "aliyun-cr",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Image names, registry logins and daemonless pushes for Alibaba Cloud Container Registry and any OCI registry.")
public final class Main {

    /**
     * The commands, in the order the usage lists them. Registered with picocli by {@link #run} rather
     * than in the annotation: picocli builds the model of every registered command (reflection over
     * its options, ~100 ms in a fresh JVM), and a run needs only the one it calls.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    /** Success. */
    public static final int OK = 0;
    /** The operation failed (network, registry, cluster). */
    public static final int FAILED = 1;
    /** The input was invalid; nothing touched the network. */
    public static final int INVALID = 2;

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("push")) {
            // a short-lived process: the JDK's TLS set-up runs while the arguments and the source are read
            ImagePush.warmUp();
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, streamCharset("stdout")), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, streamCharset("stderr")), true);
        int code = run(args, System.in, out, err);
        // On success, return instead of System.exit: System.exit makes the JVM wait up to 300 ms for
        // threads blocked in native code (the HTTP client's selector) before it exits.
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * The charset to write {@code stream} ({@code stdout} or {@code stderr}) in: a Windows console's
     * code page (e.g. cp437 or cp936) when the stream is one, else the default charset, which is also
     * what a Jenkins agent reads a process's output with. Otherwise a console shows garbled text, since
     * the default charset differs from its code page (windows-1252 or GBK on JDK 17, UTF-8 from JDK 18).
     * JDK 17 and 18 set {@code sun.stdout.encoding} only for a Windows console. From JDK 19
     * {@code stdout.encoding} is always set, and differs from {@code native.encoding} (the ANSI code page)
     * only for a console; where they agree (any redirected stream, any Unix terminal) the default stays.
     * {@code System.console()} cannot tell: it is null whenever standard input is piped (the
     * {@code --password-stdin} form), and on JDK 22 to 24 it is not null even when output is redirected.
     */
    static Charset streamCharset(String stream) {
        String name = System.getProperty("sun." + stream + ".encoding");
        if (name == null) {
            String own = System.getProperty(stream + ".encoding");
            String ansi = System.getProperty("native.encoding");
            if (own != null && ansi != null && !sameCharset(own, ansi)) {
                name = own;
            }
        }
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException unknown) {
                // fall through to the default charset
            }
        }
        return Charset.defaultCharset();
    }

    private static boolean sameCharset(String a, String b) {
        try {
            return Charset.forName(a).equals(Charset.forName(b));
        } catch (IllegalArgumentException unknown) {
            return a.equalsIgnoreCase(b);
        }
    }

    /** Runs one command with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && args[0].equals("push")) {
            PushCommand push = PushArguments.parse(List.of(args).subList(1, args.length));
            if (push != null) {
                return runDirectly(push, stdin, out, err);
            }
        }
        Factory factory = new Factory(stdin);
        CommandLine cli = new CommandLine(new Main(), factory);
        Class<?> called = args.length > 0 ? COMMANDS.get(args[0]) : null;
        for (Class<?> command : called != null ? List.<Class<?>>of(called) : COMMANDS.values()) {
            cli.addSubcommand(new CommandLine(command, factory));
        }
        // after the subcommands: picocli gives a converter to the commands it has at the time
        cli.registerConverter(Path.class, Main::path);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setParameterExceptionHandler((ex, a) -> {
            // One line, plus where to look; not the whole usage text. picocli quotes the arguments it
            // could not use: a secret-looking option's value is masked.
            ex.getCommandLine().getErr().println("aliyun-cr: error: " + oneLine(PasswordOption.mask(ex.getMessage(), a))
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return INVALID;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("aliyun-cr: error: " + message(ex));
            return exitCode(ex);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Runs a {@code push} that {@link PushArguments} read, with the same error handling as a picocli run. */
    private static int runDirectly(PushCommand push, InputStream stdin, PrintWriter out, PrintWriter err) {
        push.stdin(stdin);
        push.streams(out, err);
        try {
            return push.call();
        } catch (Exception e) {
            err.println("aliyun-cr: error: " + message(e));
            return exitCode(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("parse", ParseCommand.class);
        m.put("ref", RefCommand.class);
        m.put("docker-config", DockerConfigCommand.class);
        m.put("kaniko-secret", KanikoSecretCommand.class);
        m.put("kaniko-pod", KanikoPodCommand.class);
        m.put("push", PushCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * A path option's value. picocli's own converter lets Java's text through ("cannot convert ... to
     * Path (java.nio.file.InvalidPathException: ...)"); this one gives the value and the reason, e.g. a
     * NUL, or a character the file-name encoding cannot hold (a non-ASCII name under LANG=C).
     */
    static Path path(String value) {
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a valid path: " + e.getReason());
        }
    }

    static int exitCode(Throwable e) {
        return e instanceof InvalidInputException || e instanceof CommandLine.ParameterException ? INVALID : FAILED;
    }

    /** The line printed for an error ({@link EngineException#describe}). */
    static String message(Throwable e) {
        return EngineException.describe(e, "the files and options given");
    }

    static String oneLine(String s) {
        return Text.oneLine(s);
    }

    /** Hands standard input to the commands that read a password from it. */
    private static final class Factory implements CommandLine.IFactory {
        private final InputStream stdin;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = fallback.create(cls);
            if (instance instanceof StdinAware aware) {
                aware.stdin(stdin);
            }
            return instance;
        }
    }

    /** Implemented by commands that read standard input. */
    interface StdinAware {
        void stdin(InputStream in);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"aliyun-cr " + (v == null ? "(development build)" : v)};
        }
    }
}
