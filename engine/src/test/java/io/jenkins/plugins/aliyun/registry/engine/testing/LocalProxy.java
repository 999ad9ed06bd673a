package io.jenkins.plugins.aliyun.registry.engine.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's {@code tinyproxy} on a free 127.0.0.1 port, optionally with Basic proxy credentials;
 * a JUnit 5 extension ({@code @RegisterExtension static final LocalProxy PROXY = LocalProxy.withUser(u, p);}).
 * Skips the tests when tinyproxy is not installed. {@link #log()} shows the tunnels it opened.
 */
public final class LocalProxy implements BeforeAllCallback, AfterAllCallback {

    private final String username;
    private final String password;
    private Path dir;
    private Process process;
    private int port;

    private LocalProxy(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public static LocalProxy open() {
        return new LocalProxy(null, null);
    }

    public static LocalProxy withUser(String username, String password) {
        return new LocalProxy(username, password);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalRegistry.assumeInstalled("tinyproxy");
        dir = Files.createTempDirectory("local-proxy");
        port = LocalRegistry.freePort();
        StringBuilder conf = new StringBuilder()
                .append("Port ").append(port).append('\n')
                .append("Listen 127.0.0.1\n")
                .append("Timeout 60\n")
                .append("MaxClients 64\n")
                .append("LogLevel Connect\n")
                .append("LogFile \"").append(dir.resolve("proxy.log")).append("\"\n")
                .append("Allow 127.0.0.1\n");
        if (username != null) {
            conf.append("BasicAuth ").append(username).append(' ').append(password).append('\n');
        }
        Path file = dir.resolve("tinyproxy.conf");
        Files.writeString(file, conf);
        process = new ProcessBuilder(List.of("tinyproxy", "-d", "-c", file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("tinyproxy did not start: " + Files.readString(dir.resolve("stdout.txt")));
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        if (dir != null) {
            LocalRegistry.deleteTree(dir);
        }
    }

    public int port() {
        return port;
    }

    /** What the proxy logged: one CONNECT line per tunnel. */
    public String log() throws IOException {
        Path log = dir.resolve("proxy.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
