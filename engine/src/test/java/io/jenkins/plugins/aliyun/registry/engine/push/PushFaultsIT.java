package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Failures on the way: injected 503/429/dropped connections, a stopped registry, concurrency, plain HTTP. */
class PushFaultsIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.http();

    @TempDir
    static Path images;

    static Path layout;
    static Path archive;

    @BeforeAll
    static void buildImages() throws Exception {
        layout = images.resolve("layout");
        TestImages.ociImage(layout, "1", 2, 400_000, "amd64", 7);
        archive = TestImages.dockerArchive(layout, "1", images.resolve("image.tar"));
    }

    private static final RegistryAccess INSECURE = RegistryAccess.anonymous().withInsecure(true);
    private static final Retry QUICK = new Retry(5, Duration.ofMillis(50), Duration.ofSeconds(2));

    @Test
    void pushSucceedsThrough503And429WithRetryAfterAndAConnectionDroppedMidBlob() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            proxy.answer(r -> r.startsWith("HEAD /v2/faults/oci/blobs/"), 503, null)
                    .answer(r -> r.startsWith("POST /v2/faults/oci/blobs/uploads/"), 429, "1")
                    .drop(r -> r.startsWith("PUT /v2/faults/oci/blobs/uploads/"), 100_000)
                    .answer(r -> r.startsWith("PUT /v2/faults/oci/manifests/"), 503, null)
                    .drop(r -> r.startsWith("PATCH /v2/faults/tar/blobs/uploads/"), 50_000)
                    .answer(r -> r.startsWith("PATCH /v2/faults/tar/blobs/uploads/"), 502, null);
            List<String> logs = new CopyOnWriteArrayList<>();
            PushListener listener = new PushListener() {
                @Override
                public void log(String message) {
                    logs.add(message);
                }
            };
            long start = System.nanoTime();
            PushResult oci = ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(proxy.host() + "/faults/oci:1"), INSECURE).listener(listener).retry(QUICK).push();
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "Retry-After: 1 was honoured");
            PushResult tar = ImagePush.from(ImageSource.dockerArchive(archive))
                    .to(ImageReference.parse(proxy.host() + "/faults/tar:1"), INSECURE).listener(listener).retry(QUICK).push();

            assertEquals(0, proxy.pending(), "every fault was hit");
            assertEquals(6, proxy.injected());
            assertTrue(logs.stream().filter(l -> l.startsWith("retrying")).count() >= 5, logs.toString());
            Skopeo skopeo = Skopeo.create();
            assertEquals(TestImages.digestOf(layout, "1"), oci.digest());
            assertEquals(oci.digest(), skopeo.digest("docker://" + REGISTRY.host() + "/faults/oci:1", REGISTRY));
            assertEquals(tar.digest(), skopeo.digest("docker://" + REGISTRY.host() + "/faults/tar:1", REGISTRY));
            skopeo.copy("docker://" + REGISTRY.host() + "/faults/tar:1", REGISTRY, "oci:" + images.resolve("check") + ":1", null);
        }
    }

    @Test
    void aLoginThatMayPushButNotReadManifestsGetsTheFullRepeatPush() throws Exception {
        // as a push-only policy (ECR without BatchGetImage) answers the tag check: 403, while blobs and PUTs work
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            ImageReference dest = ImageReference.parse(proxy.host() + "/pushonly/oci:1");
            PushResult first = ImagePush.from(ImageSource.ociLayout(layout, "1")).to(dest, INSECURE).retry(QUICK).push();
            proxy.answer(r -> r.startsWith("HEAD /v2/pushonly/oci/manifests/1"), 403, null);
            int before = REGISTRY.requests().size();

            PushResult again = ImagePush.from(ImageSource.ociLayout(layout, "1")).to(dest, INSECURE).retry(QUICK).push();

            assertEquals(first.digest(), again.digest());
            List<String> repeat = REGISTRY.requests().subList(before, REGISTRY.requests().size());
            assertTrue(repeat.stream().anyMatch(r -> r.startsWith("PUT /v2/pushonly/oci/manifests/1 ")), repeat.toString());
        }
    }

    @Test
    void aRegistryThatLeavesOutTheManifestDigestGetsTheFullRepeatPush() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host()).withoutHeader("Docker-Content-Digest")) {
            ImageReference dest = ImageReference.parse(proxy.host() + "/nodigest/oci:1");
            PushResult first = ImagePush.from(ImageSource.ociLayout(layout, "1")).to(dest, INSECURE).retry(QUICK).push();
            int before = REGISTRY.requests().size();

            PushResult again = ImagePush.from(ImageSource.ociLayout(layout, "1")).to(dest, INSECURE).retry(QUICK).push();

            assertEquals(first.digest(), again.digest());
            List<String> repeat = REGISTRY.requests().subList(before, REGISTRY.requests().size());
            assertTrue(repeat.stream().anyMatch(r -> r.startsWith("HEAD /v2/nodigest/oci/blobs/")), repeat.toString());
            assertTrue(repeat.stream().anyMatch(r -> r.startsWith("PUT /v2/nodigest/oci/manifests/1 ")), repeat.toString());
        }
    }

    @Test
    void aRegistryThatKeepsFailingEndsWithAServerErrorAndNoTag() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            for (int i = 0; i < 5; i++) {
                proxy.answer(r -> r.startsWith("PUT /v2/broken/app/manifests/"), 503, null);
            }
            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(proxy.host() + "/broken/app:1"), INSECURE).retry(QUICK).push());
            assertEquals(RegistryException.Problem.SERVER_ERROR, e.getProblem());
            assertThrows(IOException.class, () -> Skopeo.create().digest("docker://" + REGISTRY.host() + "/broken/app:1", REGISTRY));
        }
    }

    @Test
    void aStoppedRegistryGivesConnectionRefusedWithTheFixWithinTheRetryBound() throws Exception {
        try (LocalRegistry gone = LocalRegistry.http().start()) {
            gone.stop();
            long start = System.nanoTime();
            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(gone.host() + "/app/x:1"), INSECURE).push());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(RegistryException.Problem.CONNECTION_REFUSED, e.getProblem());
            assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("check the host and port"), e.getMessage());
            assertTrue(seconds < 10, "gave up after " + seconds + " s");
        }
    }

    @Test
    void aRegistryAnswering401WithoutAChallengeSaysThatNoLoginWasSentAndWhatToCheck() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            proxy.answer(r -> r.equals("GET /v2/"), 401, null);
            RegistryAccess login = INSECURE.withCredentials(RegistryCredentials.of("robot", "s3cret-never-sent"));

            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(proxy.host() + "/app/x:1"), login).retry(QUICK).push());

            assertEquals(RegistryException.Problem.UNEXPECTED_RESPONSE, e.getProblem(), e.getMessage());
            assertEquals(401, e.getStatusCode());
            assertTrue(e.getMessage().startsWith("reach " + proxy.host() + ": HTTP 401 without a WWW-Authenticate header, so no username or"
                    + " password was sent:"), e.getMessage());
            assertTrue(e.getMessage().contains("check that " + proxy.host() + " is the registry's API address"), e.getMessage());
            assertFalse(e.getMessage().contains("rejected"), e.getMessage());
            assertEquals(1, proxy.injected());
        }
    }

    @Test
    void aManifestThatIsNotJsonAndHasNoContentTypeIsAnUnexpectedResponseNotTriedAgain() throws Exception {
        ImagePush.from(ImageSource.ociLayout(layout, "1")).to(ImageReference.parse(REGISTRY.host() + "/notjson/app:1"), INSECURE).push();
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            proxy.serve(r -> r.equals("GET /v2/notjson/app/manifests/1"), 200, null, "<html><body>Welcome to nginx!</body></html>");
            List<String> logs = new CopyOnWriteArrayList<>();
            PushListener listener = new PushListener() {
                @Override
                public void log(String message) {
                    logs.add(message);
                }
            };

            RegistryException e = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.registry(
                    ImageReference.parse(proxy.host() + "/notjson/app:1"), INSECURE))
                    .to(ImageReference.parse(REGISTRY.host() + "/notjson/copy:1"), INSECURE).listener(listener).retry(QUICK).push());

            assertEquals(RegistryException.Problem.UNEXPECTED_RESPONSE, e.getProblem(), e.getMessage());
            assertEquals("read manifest 1 on " + proxy.host() + "/notjson/app: HTTP 200 with 43 bytes that are not JSON and no Content-Type"
                    + " (\"<html><body>Welcome to nginx!</body></html>\"): that is not a manifest; check that " + proxy.host()
                    + " is the registry's API address, not a web server or a proxy's page", e.getMessage());
            assertEquals(1, proxy.injected());
            assertFalse(logs.stream().anyMatch(l -> l.startsWith("retrying")), logs.toString());
        }
    }

    @Test
    void eightConcurrentPushesOfDifferentTagsToOneRepositoryAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
        PushListener recorder = new PushListener() {
            @Override
            public void log(String message) {
                if (message.startsWith("retrying push manifest")) {
                    retries.add(message);
                }
            }
        };
        int before = REGISTRY.requests().size();
        try {
            List<Future<PushResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String tag = "t" + i;
                ImageSource source = i % 2 == 0 ? ImageSource.ociLayout(layout, "1") : ImageSource.dockerArchive(archive);
                results.add(pool.submit(() -> ImagePush.from(source)
                        .to(ImageReference.parse(REGISTRY.host() + "/concurrent/app:" + tag), INSECURE).listener(recorder).push()));
            }
            Skopeo skopeo = Skopeo.create();
            for (int i = 0; i < 8; i++) {
                PushResult r = results.get(i).get();
                assertEquals(r.digest(), skopeo.digest("docker://" + REGISTRY.host() + "/concurrent/app:t" + i, REGISTRY));
            }
            // docker-registry's filesystem storage rewrites layer links in place, so a manifest PUT racing with
            // another push of the same layers may be refused (400 DIGEST_INVALID); each such refusal must have
            // been retried, not reported.
            long refusedManifests = REGISTRY.requests().subList(before, REGISTRY.requests().size()).stream()
                    .filter(r -> r.startsWith("PUT /v2/concurrent/app/manifests/") && r.endsWith(" 400"))
                    .count();
            System.out.println("concurrent pushes: " + refusedManifests + " manifest PUTs refused by the registry, " + retries.size() + " retried");
            assertEquals(refusedManifests, retries.size(), String.join("\n", retries));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpUnlessTheRegistryIsMarkedInsecure() throws Exception {
        RegistryAccess secure = RegistryAccess.anonymous().withCredentials(RegistryCredentials.of("robot$ci", "s3cret-over-http"));
        try (RecordingHttpServer plain = new RecordingHttpServer()) {
            RegistryException refused = assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(plain.host() + "/app/x:1"), secure).push());
            assertEquals(RegistryException.Problem.PLAIN_HTTP_REGISTRY, refused.getProblem());
            assertTrue(refused.getMessage().contains("--insecure"), refused.getMessage());
            assertFalse(plain.received().contains("Authorization"), plain.received());
            assertFalse(plain.received().contains("s3cret"), plain.received());

            // The same server does get the header once the registry is marked insecure: the check above can fail.
            assertThrows(RegistryException.class, () -> ImagePush.from(ImageSource.ociLayout(layout, "1"))
                    .to(ImageReference.parse(plain.host() + "/app/x:1"), secure.withInsecure(true)).push());
            assertTrue(plain.received().contains("Authorization: Basic "), plain.received());
        }
    }

    /** Answers every HTTP request with 401 Basic, and anything else (a TLS hello) with plain text; records what it got. */
    private static final class RecordingHttpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final StringBuffer received = new StringBuffer();
        private final Thread thread;

        RecordingHttpServer() throws IOException {
            thread = new Thread(this::serve, "recording-http");
            thread.setDaemon(true);
            thread.start();
        }

        String host() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        String received() {
            return received.toString();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(2000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        ByteArrayOutputStream head = new ByteArrayOutputStream();
                        int first = in.read();
                        if (first < 0) {
                            break;
                        }
                        head.write(first);
                        if (first == 0x16) {
                            // a TLS ClientHello: answer as an HTTP server does
                            byte[] rest = new byte[in.available()];
                            in.read(rest);
                            received.append("<tls hello>");
                            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            break;
                        }
                        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                            int c = in.read();
                            if (c < 0) {
                                break;
                            }
                            head.write(c);
                        }
                        received.append(head.toString(StandardCharsets.ISO_8859_1));
                        out.write(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    // next connection
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
