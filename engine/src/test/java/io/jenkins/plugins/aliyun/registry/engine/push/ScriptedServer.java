package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on a free 127.0.0.1 port that does to each connection what the test scripts: answer
 * bytes no real server sends (a broken status line, a proxy's 407 for an unsupported login), or
 * nothing at all. For the failures a real registry or proxy cannot be made to show; everything else
 * is tested against the real ones ({@code LocalRegistry}, {@code LocalProxy}).
 */
final class ScriptedServer implements AutoCloseable {

    interface Script {
        void serve(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Runs {@code script} on every connection, each on its own thread. */
    ScriptedServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.add(s);
                    Thread t = new Thread(() -> {
                        try {
                            script.serve(s);
                        } catch (IOException | InterruptedException ignored) {
                            // the client went away or the test is over
                        }
                    }, "scripted-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String host() {
        return "127.0.0.1:" + port();
    }

    /** Reads a request's head, up to and including the blank line; empty if the client closed first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code text} (ISO-8859-1) and flushes. */
    static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Keeps the connection open without a word until the client closes it. */
    static void silence(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
            // drain: say nothing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
