package io.jenkins.plugins.aliyun.registry.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Small test images built without Docker: OCI layouts with {@code umoci}, {@code docker save}
 * tarballs with {@code skopeo copy}, and two-platform indexes written by hand.
 */
public final class TestImages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {}

    /**
     * Adds to the OCI layout {@code dir} (created if missing) an image tagged {@code tag} with
     * {@code layers} layers of one pseudo-random file of {@code bytesPerLayer} bytes each, for
     * linux/{@code arch}. The same seed gives the same files.
     */
    public static Path ociImage(Path dir, String tag, int layers, int bytesPerLayer, String arch, long seed)
            throws IOException, InterruptedException {
        LocalRegistry.assumeInstalled("umoci");
        if (!Files.exists(dir.resolve("index.json"))) {
            LocalRegistry.run(List.of("umoci", "init", "--layout", dir.toString()), null);
        }
        String image = dir + ":" + tag;
        LocalRegistry.run(List.of("umoci", "new", "--image", image), null);
        Random random = new Random(seed);
        Path scratch = Files.createTempDirectory("layer");
        try {
            for (int i = 0; i < layers; i++) {
                Path file = scratch.resolve("data-" + i + ".bin");
                byte[] chunk = new byte[8192];
                try (OutputStream out = Files.newOutputStream(file)) {
                    for (int done = 0; done < bytesPerLayer; done += chunk.length) {
                        // half random, half text: compressible like real files
                        random.nextBytes(chunk);
                        for (int j = chunk.length / 2; j < chunk.length; j++) {
                            chunk[j] = (byte) ('a' + (j % 26));
                        }
                        out.write(chunk, 0, Math.min(chunk.length, bytesPerLayer - done));
                    }
                }
                LocalRegistry.run(List.of("umoci", "insert", "--image", image, file.toString(), "/layer-" + i + ".bin"), null);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        LocalRegistry.run(List.of("umoci", "config", "--image", image, "--os", "linux", "--architecture", arch,
                "--config.cmd", "/bin/true"), null);
        return dir;
    }

    /** Writes {@code docker save} tarball of {@code layout:tag} to {@code tar}, named {@code name:tag}. */
    public static Path dockerArchive(Path layout, String tag, Path tar) throws IOException, InterruptedException {
        Skopeo.create().copy("oci:" + layout + ":" + tag, "docker-archive:" + tar + ":test/image:" + tag);
        return tar;
    }

    /**
     * Adds to the layout an OCI index tagged {@code indexTag} over the images tagged
     * {@code amd64Tag} (linux/amd64) and {@code arm64Tag} (linux/arm64). Returns its digest.
     */
    public static String index(Path layout, String indexTag, String amd64Tag, String arm64Tag) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (String[] tp : new String[][] {{amd64Tag, "amd64"}, {arm64Tag, "arm64"}}) {
            ObjectNode d = descriptorOf(layout, tp[0]).deepCopy();
            d.remove("annotations");
            ObjectNode platform = d.putObject("platform");
            platform.put("architecture", tp[1]);
            platform.put("os", "linux");
            manifests.add(d);
        }
        byte[] bytes = JSON.writeValueAsBytes(index);
        String digest = Skopeo.sha256(bytes);
        Files.write(layout.resolve("blobs/sha256/" + digest.substring(7)), bytes);
        ObjectNode top = (ObjectNode) JSON.readTree(Files.readAllBytes(layout.resolve("index.json")));
        ObjectNode entry = ((ArrayNode) top.get("manifests")).addObject();
        entry.put("mediaType", "application/vnd.oci.image.index.v1+json");
        entry.put("digest", digest);
        entry.put("size", bytes.length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", indexTag);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(top));
        return digest;
    }

    /** The index.json descriptor of the image tagged {@code tag}. */
    public static JsonNode descriptorOf(Path layout, String tag) throws IOException {
        JsonNode top = JSON.readTree(Files.readAllBytes(layout.resolve("index.json")));
        for (JsonNode d : top.get("manifests")) {
            if (tag.equals(d.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                return d;
            }
        }
        throw new IllegalArgumentException("no tag " + tag + " in " + layout);
    }

    /** The manifest digest of the image tagged {@code tag} in the layout. */
    public static String digestOf(Path layout, String tag) throws IOException {
        return descriptorOf(layout, tag).get("digest").asText();
    }

    /** The text of a file, for assertions. */
    public static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
