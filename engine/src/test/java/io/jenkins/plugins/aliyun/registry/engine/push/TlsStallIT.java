package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TLS registry whose handshake stalls after its ServerHello (a relay in front of the real registry
 * passes on its first TLS record only) is a slow connection, tried again: not a plain-HTTP server,
 * which a registry marked insecure would then be spoken to in plain HTTP.
 */
class TlsStallIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.tls();

    @Test
    void aHandshakeStallingAfterTheServerHelloIsAnOrdinaryTimeoutNotPlainHttp() throws Exception {
        AtomicInteger firstRecord = new AtomicInteger(-1);
        try (ScriptedServer relay = new ScriptedServer(client -> relayFirstRecordOnly(client, firstRecord))) {
            List<String> log = new CopyOnWriteArrayList<>();
            PushListener events = new PushListener() {
                @Override
                public void log(String message) {
                    log.add(message);
                }
            };
            RegistryAccess insecure = RegistryAccess.anonymous().withInsecure(true);

            RegistryException e = assertThrows(RegistryException.class, () -> RegistryClient.open(relay.host(), insecure, List.of("team/app:pull"),
                    events, new Retry(1, Duration.ZERO, Duration.ZERO)));

            assertEquals(0x16_02, firstRecord.get(), "the relay passed on a TLS handshake record holding the ServerHello");
            assertEquals(RegistryException.Problem.CONNECTION_FAILED, e.getProblem(), e.getMessage());
            assertTrue(e.isRetryable());
            assertEquals("reach " + relay.host() + ": " + relay.host() + " did not answer in time; check the network path to the registry (proxy,"
                    + " firewall, VPC endpoint reachable only inside its VPC)", e.getMessage());
            assertFalse(log.stream().anyMatch(l -> l.contains("plain HTTP")), "no fall back to plain HTTP: " + log);
        }
    }

    /**
     * Passes the client's bytes to the registry, and of the registry's only the first TLS record; notes
     * the first connection's content type and first handshake message type in {@code seen} (0x1602: a ServerHello).
     */
    private static void relayFirstRecordOnly(Socket client, AtomicInteger seen) throws IOException {
        try (Socket registry = new Socket("127.0.0.1", REGISTRY.port())) {
            Thread up = new Thread(() -> {
                try (registry) {
                    client.getInputStream().transferTo(registry.getOutputStream());
                } catch (IOException closed) {
                    // either side went away
                }
            }, "relay-up");
            up.setDaemon(true);
            up.start();
            DataInputStream in = new DataInputStream(registry.getInputStream());
            byte[] header = in.readNBytes(5);
            byte[] body = in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
            seen.compareAndSet(-1, ((header[0] & 0xff) << 8) | (body.length > 0 ? body[0] & 0xff : 0));
            OutputStream out = client.getOutputStream();
            out.write(header);
            out.write(body);
            out.flush();
            // then nothing more of the handshake, until the client gives up (and the thread above closes the registry's side)
            InputStream rest = registry.getInputStream();
            while (rest.read(new byte[4096]) >= 0) {
                // swallowed
            }
        }
    }
}
