package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.Skopeo;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushes into a real docker-registry over TLS with htpasswd and checks the result with skopeo. */
class ImagePushIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.tls().withUser("pusher", "s3cret:pa$$ wörd");

    @TempDir
    static Path images;

    static Path layout;
    static Path archive;

    @BeforeAll
    static void buildImages() throws Exception {
        layout = images.resolve("layout");
        TestImages.ociImage(layout, "amd64", 3, 300_000, "amd64", 1);
        TestImages.ociImage(layout, "arm64", 2, 200_000, "arm64", 2);
        TestImages.index(layout, "multi", "amd64", "arm64");
        archive = TestImages.dockerArchive(layout, "amd64", images.resolve("image.tar"));
    }

    static RegistryAccess access() throws Exception {
        return RegistryAccess.anonymous()
                .withCredentials(RegistryCredentials.of(REGISTRY.username(), REGISTRY.password()))
                .withCaCertificate(REGISTRY.caCertificatePem());
    }

    static ImageReference ref(String repoAndTag) throws Exception {
        return ImageReference.parse(REGISTRY.host() + "/" + repoAndTag);
    }

    @Test
    void dockerArchiveIsPushedWithAdditionalTagsAndSkopeoSeesTheSameDigestUnderEveryTag() throws Exception {
        PushResult result = ImagePush.from(ImageSource.dockerArchive(archive))
                .to(ref("team/archive:1"), access())
                .additionalTags(List.of("latest", "1.0"))
                .push();
        assertEquals(List.of("1", "latest", "1.0"), result.tags());
        assertEquals(REGISTRY.host() + "/team/archive:1", result.reference().toString());
        Skopeo skopeo = Skopeo.create();
        for (String tag : result.tags()) {
            assertEquals(result.digest(), skopeo.digest("docker://" + REGISTRY.host() + "/team/archive:" + tag, REGISTRY));
        }
        String manifest = new String(skopeo.rawManifest("docker://" + REGISTRY.host() + "/team/archive:1", REGISTRY));
        assertTrue(manifest.contains("application/vnd.docker.image.rootfs.diff.tar.gzip"), manifest);
        // skopeo can pull it back: layers decompress and match the config's diff_ids
        skopeo.copy("docker://" + REGISTRY.host() + "/team/archive:1", REGISTRY, "oci:" + images.resolve("pulled") + ":back", null);
    }

    @Test
    void layersOfSeveralChunksDecompressInGoToTheConfigsDiffIds() throws Exception {
        // with ISA-L each 1 MiB chunk is a gzip member: skopeo (Go's gzip reader, as docker, containerd
        // and kaniko use) must read every member of these 2.5 MB layers
        assertTrue(!System.getProperty("os.arch").equals("amd64") || NativeDeflate.available(), NativeDeflate.unavailableReason());
        Path big = images.resolve("big-layout");
        TestImages.ociImage(big, "big", 2, 2_500_000, "amd64", 7);
        Path tar = TestImages.dockerArchive(big, "big", images.resolve("big.tar"));
        ImagePush.from(ImageSource.dockerArchive(tar)).to(ref("team/members:1"), access()).push();
        Path dir = images.resolve("decompressed");
        Skopeo.create().copy("docker://" + REGISTRY.host() + "/team/members:1", REGISTRY, "dir:" + dir, null, "--dest-decompress");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile());
        com.fasterxml.jackson.databind.JsonNode config = json.readTree(dir.resolve(manifest.get("config").get("digest").asText().substring(7)).toFile());
        com.fasterxml.jackson.databind.JsonNode diffIds = config.get("rootfs").get("diff_ids");
        assertEquals(2, diffIds.size());
        for (com.fasterxml.jackson.databind.JsonNode diffId : diffIds) {
            Path layer = dir.resolve(diffId.asText().substring(7));
            assertTrue(Files.size(layer) > 2_500_000, "decompressed layer " + diffId);
            assertEquals(diffId.asText(), Skopeo.sha256(Files.readAllBytes(layer)));
        }
    }

    @Test
    void ociLayoutIsPushedUnchangedSoTheDigestIsTheLayouts() throws Exception {
        PushResult result = ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref("team/oci:2"), access()).push();
        assertEquals(TestImages.digestOf(layout, "amd64"), result.digest());
        assertEquals(result.digest(), Skopeo.create().digest("docker://" + REGISTRY.host() + "/team/oci:2", REGISTRY));
    }

    @Test
    void indexWithTwoPlatformsIsPushedAndCopiedWithEveryPlatformAndTheSameDigest() throws Exception {
        String indexDigest = TestImages.digestOf(layout, "multi");
        PushResult pushed = ImagePush.from(ImageSource.ociLayout(layout, "multi")).to(ref("team/multi:3"), access()).push();
        assertEquals(indexDigest, pushed.digest());
        int before = REGISTRY.requests().size();

        PushResult copied = ImagePush.from(ImageSource.registry(ref("team/multi:3"), access()))
                .to(ref("other/multi-copy:3"), access()).push();

        assertEquals(indexDigest, copied.digest());
        Skopeo skopeo = Skopeo.create();
        assertEquals(indexDigest, skopeo.digest("docker://" + REGISTRY.host() + "/other/multi-copy:3", REGISTRY));
        for (String platform : List.of("amd64", "arm64")) {
            String child = TestImages.digestOf(layout, platform);
            assertEquals(child, skopeo.digest("docker://" + REGISTRY.host() + "/other/multi-copy@" + child, REGISTRY));
        }
        List<String> copyRequests = REGISTRY.requests().subList(before, REGISTRY.requests().size());
        assertTrue(copyRequests.stream().anyMatch(r -> r.startsWith("POST /v2/other/multi-copy/blobs/uploads/?mount=") && r.endsWith(" 201")),
                copyRequests.toString());
        assertFalse(copyRequests.stream().anyMatch(r -> r.startsWith("PATCH ") || r.startsWith("PUT /v2/other/multi-copy/blobs/")),
                "a blob was uploaded instead of mounted: " + copyRequests);
        assertFalse(copyRequests.stream().anyMatch(r -> r.startsWith("GET /v2/team/multi/blobs/")),
                "a blob was downloaded: " + copyRequests);
    }

    @Test
    void repeatPushOfTheTarballWithTheCacheReadsNoLayerAndUploadsNothing(@TempDir Path cache) throws Exception {
        PushResult first = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/repeat:1"), access())
                .cacheDirectory(cache).push();
        int before = REGISTRY.requests().size();
        Map<String, LayerProgress.Status> last = new ConcurrentHashMap<>();
        PushResult second = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/repeat:2"), access())
                .cacheDirectory(cache)
                .listener(new PushListener() {
                    @Override
                    public void progress(LayerProgress p) {
                        last.put(p.id(), p.status());
                    }
                })
                .push();
        assertEquals(first.digest(), second.digest());
        assertEquals(4, last.size(), last.toString());
        assertTrue(last.values().stream().allMatch(s -> s == LayerProgress.Status.EXISTS), last.toString());
        List<String> repeat = REGISTRY.requests().subList(before, REGISTRY.requests().size());
        assertFalse(repeat.stream().anyMatch(r -> r.startsWith("POST ") || r.startsWith("PATCH ")), repeat.toString());
    }

    @Test
    void repeatPushToTheSameTagsMakesOnlyManifestHeads(@TempDir Path cache) throws Exception {
        PushResult first = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/same:1"), access())
                .additionalTags(List.of("latest")).cacheDirectory(cache).push();
        int before = REGISTRY.requests().size();
        Map<String, LayerProgress.Status> last = new ConcurrentHashMap<>();
        PushResult second = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/same:1"), access())
                .additionalTags(List.of("latest")).cacheDirectory(cache)
                .listener(new PushListener() {
                    @Override
                    public void progress(LayerProgress p) {
                        last.put(p.id(), p.status());
                    }
                })
                .push();
        assertEquals(first.digest(), second.digest());
        assertEquals(List.of("1", "latest"), second.tags());
        assertTrue(last.size() == 4 && last.values().stream().allMatch(s -> s == LayerProgress.Status.EXISTS), last.toString());
        List<String> repeat = REGISTRY.requests().subList(before, REGISTRY.requests().size());
        List<String> notPing = repeat.stream().filter(r -> !r.startsWith("GET /v2/ ")).toList();
        assertEquals(List.of("HEAD /v2/team/same/manifests/1 200", "HEAD /v2/team/same/manifests/latest 200"),
                notPing.stream().sorted().toList(), repeat.toString());
    }

    @Test
    void repeatPushWhereOneTagPointsElsewhereWritesTheManifestAgain(@TempDir Path cache) throws Exception {
        PushResult image = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/moved:1"), access())
                .additionalTags(List.of("stable")).cacheDirectory(cache).push();
        PushResult other = ImagePush.from(ImageSource.ociLayout(layout, "arm64")).to(ref("team/moved:stable"), access()).push();
        int before = REGISTRY.requests().size();

        PushResult again = ImagePush.from(ImageSource.dockerArchive(archive)).to(ref("team/moved:1"), access())
                .additionalTags(List.of("stable")).cacheDirectory(cache).push();

        assertEquals(image.digest(), again.digest());
        assertFalse(other.digest().equals(again.digest()));
        assertEquals(again.digest(), Skopeo.create().digest("docker://" + REGISTRY.host() + "/team/moved:stable", REGISTRY));
        List<String> repeat = REGISTRY.requests().subList(before, REGISTRY.requests().size());
        assertTrue(repeat.stream().anyMatch(r -> r.startsWith("PUT /v2/team/moved/manifests/stable ")), repeat.toString());
    }

    @Test
    void withoutTheCaCertificateTheUnknownAuthorityIsNamedWithTheFix() throws Exception {
        RegistryAccess noCa = RegistryAccess.anonymous().withCredentials(RegistryCredentials.of(REGISTRY.username(), REGISTRY.password()));
        RegistryException e = assertThrows(RegistryException.class,
                () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref("team/noca:1"), noCa).push());
        assertEquals(RegistryException.Problem.UNKNOWN_CERTIFICATE_AUTHORITY, e.getProblem());
        assertTrue(e.getMessage().contains("--ca-cert"), e.getMessage());
    }

    @Test
    void wrongPasswordIsUnauthorizedAndTheMessageExplainsTheRegistryPassword() throws Exception {
        RegistryAccess wrong = access().withCredentials(RegistryCredentials.of(REGISTRY.username(), "not-the-password"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> ImagePush.from(ImageSource.ociLayout(layout, "amd64")).to(ref("team/wrong:1"), wrong).push());
        assertEquals(RegistryException.Problem.UNAUTHORIZED, e.getProblem());
        assertTrue(e.getMessage().contains("registry password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void missingSourceIsInvalidInputBeforeAnyRequest() throws Exception {
        int before = REGISTRY.requests().size();
        EngineException e = assertThrows(EngineException.class,
                () -> ImagePush.from(ImageSource.dockerArchive(images.resolve("nope.tar"))).to(ref("team/none:1"), access()).push());
        assertTrue(e instanceof io.jenkins.plugins.aliyun.registry.engine.InvalidInputException, e.toString());
        assertEquals(before, REGISTRY.requests().size());
        assertTrue(Files.exists(archive));
    }

    @Test
    void aSourceWhoseJsonIsDamagedIsInvalidInputNamingTheFileAndTheFix() throws Exception {
        Path damaged = images.resolve("damaged-layout");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve("index.json"), "{\"schemaVersion\": 2, \"manifests\": [");
        int before = REGISTRY.requests().size();
        EngineException e = assertThrows(EngineException.class,
                () -> ImagePush.from(ImageSource.ociLayout(damaged, null)).to(ref("team/damaged:1"), access()).push());
        assertTrue(e instanceof io.jenkins.plugins.aliyun.registry.engine.InvalidInputException, e.toString());
        assertTrue(e.getMessage().startsWith("OCI layout " + damaged + ": index.json is not valid JSON (")
                && e.getMessage().endsWith("the layout is damaged; write it again with the tool that made it"), e.getMessage());
        assertEquals(before, REGISTRY.requests().size());
    }
}
