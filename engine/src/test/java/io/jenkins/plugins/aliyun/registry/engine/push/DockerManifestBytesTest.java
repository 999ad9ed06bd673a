package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest built for a docker archive is pinned byte for byte: its digest is what earlier pushes
 * wrote and what the repeat-push short cut compares with, so any change of field order, spacing or
 * escaping would make every repeat push a full one (and change users' digests).
 */
class DockerManifestBytesTest {

    private static final String CONFIG = "sha256:" + "c".repeat(64);
    private static final String LAYER1 = "sha256:" + "1".repeat(64);
    private static final String LAYER2 = "sha256:" + "2".repeat(64);

    @Test
    void manifestOfADockerArchiveKeepsItsBytesAndDigest() throws Exception {
        Manifest m = new DockerArchiveSource.DockerManifestPlan(List.of()).manifest(List.of(
                new PushedBlob(CONFIG, 1234, Manifest.DOCKER_CONFIG),
                new PushedBlob(LAYER1, 94_567_890_123L, Manifest.DOCKER_LAYER_GZIP),
                new PushedBlob(LAYER2, 0, Manifest.DOCKER_LAYER_GZIP)));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1234,\"digest\":\"" + CONFIG + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":94567890123,\"digest\":\"" + LAYER1 + "\"},"
                + "{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":0,\"digest\":\"" + LAYER2 + "\"}]}",
                new String(m.bytes(), StandardCharsets.UTF_8));
        assertEquals(Manifest.DOCKER_MANIFEST, m.mediaType());
        assertEquals("sha256:27a430fdf03a5e47fba56f306c419d98390642ce5f2a2355ed156d16e47987c2", m.digest());
    }

    @Test
    void manifestOfOneConfigAndNoLayerHasAnEmptyLayerList() throws Exception {
        Manifest m = new DockerArchiveSource.DockerManifestPlan(List.of()).manifest(List.of(new PushedBlob(CONFIG, 2, Manifest.DOCKER_CONFIG)));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":\"" + CONFIG + "\"},"
                + "\"layers\":[]}", new String(m.bytes(), StandardCharsets.UTF_8));
    }
}
