package io.jenkins.plugins.aliyun.registry.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.Text;
import io.jenkins.plugins.aliyun.registry.engine.auth.CredentialHelper;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpProxy;
import io.jenkins.plugins.aliyun.registry.engine.push.AccessHints;
import io.jenkins.plugins.aliyun.registry.engine.push.ImagePush;
import io.jenkins.plugins.aliyun.registry.engine.push.ImageSource;
import io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress;
import io.jenkins.plugins.aliyun.registry.engine.push.PushListener;
import io.jenkins.plugins.aliyun.registry.engine.push.PushResult;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryAccess;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push an image into a registry without a Docker daemon, and print its reference and digest.",
            "SOURCE is docker-archive:PATH (docker save / kaniko --tar-path), oci:DIR[:TAG] (OCI image layout) or docker://REFERENCE"
                    + " (another registry; every platform of an index is copied, blobs of the same registry are mounted).",
            "From an OCI layout or a registry the manifest is pushed unchanged, so the digest is the source's.",
            "Credentials: --username with --password-stdin, else --docker-config FILE, else $DOCKER_CONFIG/config.json or ~/.docker/config.json."})
final class PushCommand implements Callable<Integer>, Main.StdinAware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "docker-archive:PATH, oci:DIR[:TAG] or docker://REFERENCE")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Destination reference with its primary tag, e.g. host/ns/app:42")
    String destination;

    @Option(names = "--additional-tag", paramLabel = "T", description = "Another tag for the same image (repeatable).")
    List<String> additionalTags = new ArrayList<>();

    @Option(names = "--username", paramLabel = "U", description = "Destination registry username (for ACR: the account or RAM user name).")
    String username;

    @Option(names = {"--password", "-p"}, hidden = true, parameterConsumer = PasswordOption.class,
            description = "Refused: a password is read from standard input (--password-stdin), never taken as an argument.")
    String password;

    @Option(names = "--password-stdin", description = "Read the destination password from standard input.")
    boolean passwordStdin;

    @Option(names = "--docker-config", paramLabel = "FILE",
            description = "A docker config.json with logins for the destination and the source registry.")
    Path dockerConfig;

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "CA certificate (PEM) to trust for the destination registry only.")
    Path caCert;

    @Option(names = "--insecure", description = "Destination may be plain HTTP or have an unverified certificate; credentials go over HTTP only then.")
    boolean insecure;

    @Option(names = "--source-username", paramLabel = "U", description = "Username for a docker:// source registry.")
    String sourceUsername;

    @Option(names = "--source-password", hidden = true, parameterConsumer = PasswordOption.class,
            description = "Refused: a password is read from standard input (--source-password-stdin), never taken as an argument.")
    String sourcePassword;

    @Option(names = "--source-password-stdin", description = "Read the source registry's password from standard input (not with --password-stdin).")
    boolean sourcePasswordStdin;

    @Option(names = "--source-ca-cert", paramLabel = "PEM", description = "CA certificate (PEM) to trust for the source registry only.")
    Path sourceCaCert;

    @Option(names = "--source-insecure", description = "The source registry may be plain HTTP or have an unverified certificate.")
    boolean sourceInsecure;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where to remember compressed layer digests between pushes (default: $XDG_CACHE_HOME/aliyun-cr or ~/.cache/aliyun-cr).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the layer cache.")
    boolean noCache;

    @Option(names = "--json", description = "Print {reference, digest, tags} as JSON.")
    boolean json;

    private InputStream stdin;
    private PrintWriter directOut;
    private PrintWriter directErr;

    @Override
    public void stdin(InputStream in) {
        this.stdin = in;
    }

    /** Streams for a run that {@link PushArguments} parsed without picocli (then there is no {@link #spec}). */
    void streams(PrintWriter out, PrintWriter err) {
        this.directOut = out;
        this.directErr = err;
    }

    private PrintWriter out() {
        return directOut != null ? directOut : spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return directErr != null ? directErr : spec.commandLine().getErr();
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (passwordStdin && sourcePasswordStdin) {
            throw new InvalidInputException("only one password can come from standard input: give the other registry's login in --docker-config");
        }
        ImageReference dest = ImageReference.parse(destination);
        Warnings.print(err(), RegistryEndpoint.parse(dest.getRegistry()).getWarnings());
        DockerConfig config = readDockerConfig();
        RegistryAccess destAccess = access(dest.getRegistry(), username, passwordStdin, config, caCert, insecure, "");
        RegistryAccess sourceAccess = RegistryAccess.anonymous();
        if (source != null && source.startsWith("docker://")) {
            ImageReference from = ImageReference.parse(source.substring("docker://".length()));
            sourceAccess = access(from.getRegistry(), sourceUsername, sourcePasswordStdin, config, sourceCaCert, sourceInsecure, "--source-")
                    .withHints(AccessHints.commandLineSource());
        } else if (sourceUsername != null || sourcePasswordStdin || sourceCaCert != null || sourceInsecure) {
            throw new InvalidInputException("--source-username, --source-password-stdin, --source-ca-cert and --source-insecure apply to a docker:// source only");
        }
        ImageSource imageSource = ImageSource.parse(source, sourceAccess);
        Progress progress = new Progress(err(), Progress.onTerminal());
        ImagePush push = ImagePush.from(imageSource).to(dest, destAccess).additionalTags(additionalTags).listener(progress);
        if (!noCache) {
            push.cacheDirectory(cacheDir != null ? cacheDir : defaultCacheDir());
        }
        PushResult result;
        try {
            result = push.push();
        } finally {
            progress.finish(); // also on failure: the error then starts a line of its own
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        PrintWriter out = out();
        if (json) {
            ObjectNode o = Json.object();
            o.put("reference", result.reference().toString());
            o.put("digest", result.digest());
            result.tags().forEach(o.putArray("tags")::add);
            out.println(Json.write(o));
        } else {
            out.println(result.reference() + "@" + result.digest());
        }
        err().println("aliyun-cr: pushed " + result.reference().getName() + " (tags " + String.join(", ", result.tags())
                + ") in " + millis + " ms");
        return Main.OK;
    }

    private DockerConfig readDockerConfig() throws EngineException {
        return DockerConfigLocation.read(dockerConfig, "--docker-config", "log in with --username and --password-stdin");
    }

    /**
     * A PEM file's text: UTF-16 where it starts with that byte-order mark (PowerShell 5 writes it with
     * {@code >}), else UTF-8, decoded leniently (bytes that are not UTF-8 can only be in comments,
     * outside the PEM blocks); a UTF-8 byte-order mark is left for the trust to skip.
     */
    static String readPem(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private RegistryAccess access(String registry, String user, boolean fromStdin, DockerConfig config, Path ca, boolean insecureFlag,
            String prefix) throws EngineException {
        // Proxies as curl, docker and skopeo take them from the environment.
        Optional<HttpProxy> proxy = HttpProxy.forRegistry(System.getenv(), registry, insecureFlag);
        RegistryAccess access = RegistryAccess.anonymous().withInsecure(insecureFlag).withProxy(proxy.orElse(null));
        if (ca != null) {
            try {
                access = access.withCaCertificate(readPem(ca));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read the CA certificate " + ca + " (" + e.getClass().getSimpleName()
                        + "): give the path of a PEM file with " + prefix + (prefix.isEmpty() ? "--" : "") + "ca-cert");
            }
        }
        if (user != null || fromStdin) {
            if (user == null) {
                throw new InvalidInputException((prefix.isEmpty() ? "--" : prefix) + "password-stdin needs " + (prefix.isEmpty() ? "--" : prefix) + "username");
            }
            return access.withCredentials(Credentials.fromStdin(user, fromStdin, stdin));
        }
        Optional<RegistryCredentials> fromConfig = config.credentialsFor(registry);
        Optional<String> helper = config.credentialHelperFor(registry);
        if (helper.isPresent()) {
            // as docker does after `docker login` with a credsStore (macOS, Windows) or credHelpers
            Map<String, String> environment = System.getenv();
            if (CredentialHelper.installed(helper.get(), environment)) {
                Optional<RegistryCredentials> fromHelper;
                try {
                    fromHelper = CredentialHelper.get(helper.get(), registry, environment);
                } catch (EngineException e) {
                    if (fromConfig.isEmpty()) {
                        throw e;
                    }
                    // the file has a login of its own, which a push used before helpers were asked
                    Warnings.print(err(), List.of(e.getMessage() + "; using the \"auth\" entry of the docker config instead"));
                    fromHelper = Optional.empty();
                }
                if (fromHelper.isPresent()) {
                    return access.withCredentials(fromHelper.get());
                }
            } else if (fromConfig.isEmpty()) {
                // a config copied from a laptop into a build container names a helper that is not there
                Warnings.print(err(), List.of("the docker config names the credential helper \"" + Text.oneLine(helper.get()) + "\" for "
                        + registry + ", but docker-credential-" + Text.oneLine(helper.get()) + " is not on the PATH; going on without a"
                        + " login: install it, or log in with --username/--password-stdin"));
            }
        }
        return access.withCredentials(fromConfig.orElse(null));
    }

    private static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "aliyun-cr");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "aliyun-cr");
    }

    /**
     * A progress line on a terminal; otherwise one plain line per finished blob. The line is redrawn
     * with a carriage return and blanked with spaces, not with ANSI escapes, which a Windows console
     * shows as text ("←[K") unless the program turns them on, as Java does not.
     */
    static final class Progress implements PushListener {
        private final PrintWriter err;
        private final boolean terminal;
        private final Map<String, LayerProgress> blobs = new ConcurrentHashMap<>();
        private long lastDraw;
        /** How many characters the progress line now on screen has; 0 if none. */
        private int shown;
        /** A blob's progress came after the last draw and after the last log line. */
        private boolean pending;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void progress(LayerProgress p) {
            blobs.put(p.id(), p);
            if (terminal) {
                synchronized (this) {
                    pending = true;
                }
                draw(false);
            } else if (p.status() == LayerProgress.Status.EXISTS || p.status() == LayerProgress.Status.MOUNTED
                    || p.status() == LayerProgress.Status.PUSHED) {
                synchronized (this) {
                    err.println(p.shortId() + ": " + p.status().name().toLowerCase(java.util.Locale.ROOT)
                            + (p.bytesTotal() >= 0 ? " (" + size(p.bytesTotal()) + ")" : ""));
                }
            }
        }

        @Override
        public void log(String message) {
            synchronized (this) {
                if (terminal && shown > 0) {
                    err.print("\r" + " ".repeat(shown) + "\r");
                    shown = 0;
                }
                pending = false; // a log line (the last is "pushed ...") says more than the totals before it
                err.println(Main.oneLine(message));
            }
        }

        private synchronized void draw(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            long done = 0;
            long total = 0;
            int finished = 0;
            for (LayerProgress p : blobs.values()) {
                done += Math.max(0, p.bytesDone());
                total += Math.max(0, p.bytesTotal());
                if (p.status() != LayerProgress.Status.CHECKING && p.status() != LayerProgress.Status.UPLOADING) {
                    finished++;
                }
            }
            pending = false;
            String line = finished + "/" + blobs.size() + " blobs, " + size(done) + " of " + size(total);
            err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
            shown = line.length();
            err.flush();
        }

        /**
         * Whether standard output is a terminal, so that a line can be redrawn in place. Before JDK 22
         * {@code System.console()} is null unless it is; on JDK 22 to 24 it is not null even when
         * output goes to a file or a build log, and only {@code Console.isTerminal()} (JDK 22) tells.
         */
        static boolean onTerminal() {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException | RuntimeException olderJdk) {
                return true;
            }
        }

        /**
         * Ends the progress line: the last totals, drawn again if a blob's progress came since, and a
         * line break; nothing if a log line has said the last word (a repeat push's "nothing to push").
         */
        synchronized void finish() {
            if (terminal && (shown > 0 || pending)) {
                draw(true);
                err.println();
                shown = 0;
            }
        }

        /**
         * A size for people: bytes below 1 KiB, else KiB or MiB with one decimal, rounded half up (a
         * config blob is not "0.0 MiB"). Without {@code String.format}, whose locale data costs ~10 ms at start.
         */
        static String size(long bytes) {
            return LayerProgress.size(bytes);
        }
    }
}
