package io.jenkins.plugins.aliyun.registry.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway Debian {@code docker-registry} on 127.0.0.1 with a free port, for tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalRegistry REGISTRY = LocalRegistry.tls().withUser("alice", "s3cret");
 *
 * REGISTRY.host();          // "127.0.0.1:41234"
 * REGISTRY.caCertificate(); // PEM file of the self-signed CA (TLS only)
 * REGISTRY.certDir();       // a directory holding only ca.crt, for skopeo --cert-dir
 * REGISTRY.authFile();      // a 0600 config.json with the user's credentials, for skopeo --authfile
 * REGISTRY.requests();      // "METHOD /v2/... STATUS" lines from the registry's access log
 * }</pre>
 *
 * With {@link #withTokenAuth(TokenIssuer)} it asks for Bearer tokens from a {@link TokenIssuer}
 * instead of checking an htpasswd file.
 *
 * Use it as a JUnit 5 extension (started before all tests of the class, stopped after), or call
 * {@link #start()} and {@link #close()} yourself. Tests are skipped (not failed) when
 * {@code docker-registry}, {@code openssl} or {@code htpasswd} is not installed.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Pattern ACCESS = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/[0-9.]+\" ([0-9]{3}) ");

    private final boolean tls;
    private String username;
    private String password;
    private TokenIssuer tokenIssuer;
    private String certificateNames = "IP:127.0.0.1,DNS:localhost";
    private Path dir;
    private Process process;
    private int port;

    private LocalRegistry(boolean tls) {
        this.tls = tls;
    }

    /** A registry over plain HTTP, without authentication. */
    public static LocalRegistry http() {
        return new LocalRegistry(false);
    }

    /** A registry over HTTPS with a fresh self-signed certificate for 127.0.0.1 and localhost. */
    public static LocalRegistry tls() {
        return new LocalRegistry(true);
    }

    /**
     * Issues the registry's certificate for these subjectAltName entries (openssl syntax, e.g.
     * {@code "DNS:registry.example.test"}) instead of {@code IP:127.0.0.1,DNS:localhost}; null for a
     * certificate with only a common name ({@code localhost}). HTTPS only.
     */
    public LocalRegistry withCertificateNames(String subjectAltName) {
        if (!tls) {
            throw new IllegalStateException("a certificate needs LocalRegistry.tls()");
        }
        this.certificateNames = subjectAltName;
        return this;
    }

    /** Requires this user (htpasswd, bcrypt) for every request. */
    public LocalRegistry withUser(String user, String pass) {
        this.username = user;
        this.password = pass;
        return this;
    }

    /**
     * Authenticates with the Docker token flow instead of htpasswd: the registry sends clients to
     * {@code issuer} (started by {@link #start()} with the registry's certificate and key, stopped by
     * {@link #close()}) and verifies its tokens. A user given with {@link #withUser} then only goes into
     * {@link #authFile()}; the issuer decides who may do what. HTTPS only.
     */
    public LocalRegistry withTokenAuth(TokenIssuer issuer) {
        if (!tls) {
            throw new IllegalStateException("token authentication needs LocalRegistry.tls()");
        }
        this.tokenIssuer = issuer;
        return this;
    }

    /** Starts the registry and waits until it answers. */
    public LocalRegistry start() throws IOException, InterruptedException {
        assumeInstalled("docker-registry");
        dir = Files.createTempDirectory("local-registry");
        port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: info\n  accesslog:\n    disabled: false\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (tls) {
            assumeInstalled("openssl");
            List<String> req = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()));
            if (certificateNames != null) {
                req.addAll(List.of("-addext", "subjectAltName=" + certificateNames));
            }
            run(req, null);
            Files.createDirectories(dir.resolve("certs.d"));
            Files.copy(dir.resolve("cert.pem"), dir.resolve("certs.d/ca.crt"));
            config.append("  tls:\n    certificate: ").append(dir.resolve("cert.pem"))
                    .append("\n    key: ").append(dir.resolve("key.pem")).append('\n');
        }
        if (tokenIssuer != null) {
            try {
                tokenIssuer.start(dir.resolve("cert.pem"), dir.resolve("key.pem"));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("the token issuer cannot use the registry's key: " + e.getMessage(), e);
            }
            config.append("auth:\n  token:\n    realm: ").append(tokenIssuer.realm())
                    .append("\n    service: ").append(TokenIssuer.SERVICE)
                    .append("\n    issuer: ").append(TokenIssuer.ISSUER)
                    .append("\n    rootcertbundle: ").append(dir.resolve("cert.pem")).append('\n');
        }
        if (username != null) {
            if (tokenIssuer == null) {
                assumeInstalled("htpasswd");
                // -i: the password comes on stdin, never on a command line
                String line = run(List.of("htpasswd", "-niB", username), password + "\n");
                Files.writeString(dir.resolve("htpasswd"), line.strip() + "\n");
                config.append("auth:\n  htpasswd:\n    realm: local-registry\n    path: ").append(dir.resolve("htpasswd")).append('\n');
            }
            String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            Path authFile = dir.resolve("auth.json");
            Files.createFile(authFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(authFile, "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}\n");
        }
        Files.writeString(dir.resolve("config.yml"), config);
        process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        awaitAnswer();
        return this;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("docker-registry did not answer on port " + port + " within 10 s: " + log());
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return tls ? "https" : "http";
    }

    public boolean isTls() {
        return tls;
    }

    /** The username, or null without authentication. */
    public String username() {
        return username;
    }

    /** The password, or null without authentication. */
    public String password() {
        return password;
    }

    /** The PEM file of the registry's self-signed certificate (its own CA). */
    public Path caCertificate() {
        requireTls();
        return dir.resolve("cert.pem");
    }

    /** The certificate as PEM text. */
    public String caCertificatePem() {
        try {
            return Files.readString(caCertificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory with only {@code ca.crt}, as {@code skopeo --cert-dir} wants it. */
    public Path certDir() {
        requireTls();
        return dir.resolve("certs.d");
    }

    /** A 0600 {@code config.json} with this registry's credentials (null without a user). */
    public Path authFile() {
        return username == null ? null : dir.resolve("auth.json");
    }

    /** The directory the registry stores its data in. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** A scratch directory that is deleted with the registry. */
    public Path workDir() throws IOException {
        return Files.createDirectories(dir.resolve("work"));
    }

    /** Everything the registry logged so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The requests the registry answered so far, as {@code "METHOD URI STATUS"}, in order. */
    public List<String> requests() {
        List<String> out = new ArrayList<>();
        Matcher m = ACCESS.matcher(log());
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        return out;
    }

    /** Stops the registry (the data stays until {@link #close()}); a later request is refused. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Stops the registry and deletes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (tokenIssuer != null) {
            tokenIssuer.close();
        }
        if (dir != null) {
            deleteTree(dir);
            dir = null;
        }
    }

    /** Deletes a directory and everything in it (the scratch directories of the test servers and tools). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void requireTls() {
        if (!tls) {
            throw new IllegalStateException("this registry speaks plain HTTP; use LocalRegistry.tls()");
        }
    }

    /** Skips the calling test when a command is not on the PATH. */
    public static void assumeInstalled(String command) {
        Assumptions.assumeTrue(installed(command), command + " is not installed");
    }

    /** True if {@code command} is on the PATH. */
    public static boolean installed(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " failed: " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
