package io.jenkins.plugins.aliyun.registry.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian {@code docker-registry} on 127.0.0.1 with a free port: plain HTTP, or HTTPS with a fresh
 * self-signed certificate and an htpasswd user. Tests that use it are skipped when the tools are
 * missing. (The plugin's test classpath does not include the engine's test helpers, so this is a
 * small starter of its own.)
 */
public final class TestRegistry implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private TestRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Plain HTTP, no authentication. */
    public static TestRegistry http() throws IOException, InterruptedException {
        return start(false, null, null);
    }

    /** HTTPS with a self-signed certificate, and {@code username}/{@code password} required. */
    public static TestRegistry tls(String username, String password) throws IOException, InterruptedException {
        return start(true, username, password);
    }

    private static TestRegistry start(boolean tls, String username, String password)
            throws IOException, InterruptedException {
        assumeInstalled("docker-registry");
        Path dir = Files.createTempDirectory("test-registry");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder config = new StringBuilder("version: 0.1\n")
                .append("log:\n  level: info\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ")
                .append(dir.resolve("data"))
                .append('\n')
                .append("http:\n  addr: 127.0.0.1:")
                .append(port)
                .append('\n');
        if (tls) {
            assumeInstalled("openssl");
            assumeInstalled("htpasswd");
            run(
                    dir,
                    null,
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout",
                    dir.resolve("key.pem").toString(),
                    "-out",
                    dir.resolve("cert.pem").toString());
            config.append("  tls:\n    certificate: ")
                    .append(dir.resolve("cert.pem"))
                    .append("\n    key: ")
                    .append(dir.resolve("key.pem"))
                    .append('\n');
            String line = run(dir, password + "\n", "htpasswd", "-niB", username);
            Files.writeString(dir.resolve("htpasswd"), line.strip() + "\n");
            config.append("auth:\n  htpasswd:\n    realm: test-registry\n    path: ")
                    .append(dir.resolve("htpasswd"))
                    .append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), config);
        Process process = new ProcessBuilder(
                        "docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        TestRegistry registry = new TestRegistry(dir, port, process);
        registry.awaitAnswer();
        return registry;
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The self-signed certificate as PEM (TLS only). */
    public String certificatePem() throws IOException {
        return Files.readString(dir.resolve("cert.pem"));
    }

    /** The registry's own log: which requests it answered. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("docker-registry did not answer within 10 s: " + log());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void assumeInstalled(String tool) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        assumeTrue(found, tool + " is not installed (Debian package docker-registry, openssl, apache2-utils)");
    }

    private static String run(Path dir, String stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return out;
    }
}
