package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.reference.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code docker save} tarball: manifest.json, the image config and one tar entry per layer. */
final class DockerArchiveSource extends ImageSource {

    private final Path tarball;

    DockerArchiveSource(Path tarball) {
        this.tarball = tarball;
    }

    @Override
    SourceImage read(RegistryClient client, boolean mountable) throws InvalidInputException, IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new InvalidInputException("docker archive " + tarball + " does not exist or is not a file: write it with"
                    + " docker save -o FILE IMAGE (or kaniko --tar-path) first, and give its path");
        }
        TarIndex tar;
        try {
            tar = TarIndex.read(tarball);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("docker archive " + tarball + " is not a tar file (" + e.getMessage() + "): give a docker save tarball");
        }
        TarIndex.Entry manifestEntry = tar.find("manifest.json").orElseThrow(() -> new InvalidInputException("docker archive " + tarball
                + " has no manifest.json: it is not a docker save tarball (for an OCI layout use oci:DIR)"));
        String resave = "the tarball is damaged; write it again (docker save -o FILE IMAGE)";
        JsonValue images = parseJson(tar.bytes(manifestEntry), "docker archive " + tarball + ": manifest.json", resave);
        if (!images.isArray() || images.size() == 0) {
            throw new InvalidInputException("docker archive " + tarball + ": manifest.json lists no image");
        }
        if (images.size() > 1) {
            throw new InvalidInputException("docker archive " + tarball + " holds " + images.size()
                    + " images: save one image per tarball (docker save -o FILE IMAGE)");
        }
        JsonValue image = images.get(0);
        String configName = image.get("Config").text("");
        TarIndex.Entry configEntry = tar.find(configName).orElseThrow(() -> new InvalidInputException("docker archive " + tarball
                + ": the config \"" + configName + "\" named in manifest.json is missing; the tarball is incomplete"));
        byte[] config = tar.bytes(configEntry);
        JsonValue diffIds = parseJson(config, "docker archive " + tarball + ": the config " + configName, resave).get("rootfs").get("diff_ids");
        JsonValue layers = image.get("Layers");
        if (!layers.isArray() || !diffIds.isArray() || layers.size() != diffIds.size()) {
            throw new InvalidInputException("docker archive " + tarball + ": manifest.json names " + layers.size()
                    + " layers but the config has " + diffIds.size() + " diff_ids; the tarball is corrupt");
        }
        List<BlobSource> blobs = new ArrayList<>();
        blobs.add(BlobSource.known(Manifest.sha256(config), config.length, Manifest.DOCKER_CONFIG, () -> new ByteArrayInputStream(config)));
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i).text("");
            TarIndex.Entry e = tar.find(name).orElseThrow(() -> new InvalidInputException("docker archive " + tarball + ": layer \""
                    + name + "\" named in manifest.json is missing; the tarball is incomplete"));
            String diffId = diffIds.get(i).text("");
            if (!Digests.isSha256(diffId)) {
                throw new InvalidInputException("docker archive " + tarball + ": diff_id \"" + diffId + "\" is not a sha256 digest");
            }
            boolean gzipped = startsWithGzipMagic(tar, e);
            blobs.add(new BlobSource(null, -1, Manifest.DOCKER_LAYER_GZIP, diffId, null, !gzipped, () -> tar.open(e), e.size()));
        }
        return SourceImage.single(new DockerManifestPlan(blobs));
    }

    private static boolean startsWithGzipMagic(TarIndex tar, TarIndex.Entry e) throws IOException {
        if (e.size() < 2) {
            return false;
        }
        try (InputStream in = tar.open(e)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    @Override
    public String toString() {
        return "docker-archive:" + tarball;
    }

    /** The Docker v2 manifest for the pushed config and layers, written the same way every time. */
    record DockerManifestPlan(List<BlobSource> blobs) implements ManifestPlan {
        @Override
        public Manifest manifest(List<PushedBlob> pushed) {
            // Compact, in this field order: the bytes Jackson wrote before, so digests stay the same
            // (DockerManifestBytesTest pins them).
            StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":");
            string(m, Manifest.DOCKER_MANIFEST).append(",\"config\":");
            descriptor(m, pushed.get(0)).append(",\"layers\":[");
            for (int i = 1; i < pushed.size(); i++) {
                descriptor(i > 1 ? m.append(',') : m, pushed.get(i));
            }
            return new Manifest(Manifest.DOCKER_MANIFEST, m.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }

        private static StringBuilder descriptor(StringBuilder m, PushedBlob b) {
            string(m.append("{\"mediaType\":"), b.mediaType()).append(",\"size\":").append(b.size()).append(",\"digest\":");
            return string(m, b.digest()).append('}');
        }

        /**
         * A JSON string. What is written here never needs escaping: media type constants and sha256
         * digests, which were computed or checked (BlobInfoCache) before.
         */
        private static StringBuilder string(StringBuilder m, String s) {
            return m.append('"').append(s).append('"');
        }
    }
}
