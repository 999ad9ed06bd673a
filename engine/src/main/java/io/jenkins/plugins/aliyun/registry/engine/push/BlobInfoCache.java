package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.reference.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What earlier pushes learnt, kept in a directory the caller chooses: the uncompressed digest of a
 * layer (its diff id) → the digest and size of the compressed blob pushed for it. With it a repeat
 * push of a tarball asks the registry for the compressed blob and, when present, neither reads nor
 * compresses the layer. One line per entry, appended; unreadable lines are ignored, so several
 * processes may share the directory.
 */
final class BlobInfoCache {

    static final String FILE_NAME = "blob-info-cache-v1.txt";

    private final Path file;
    private final Map<String, PushedBlob> compressed = new ConcurrentHashMap<>();

    private BlobInfoCache(Path file) {
        this.file = file;
    }

    /** A cache that remembers nothing beyond this process. */
    static BlobInfoCache inMemory() {
        return new BlobInfoCache(null);
    }

    static BlobInfoCache open(Path directory) throws IOException {
        BlobInfoCache cache = new BlobInfoCache(directory.resolve(FILE_NAME));
        try {
            for (String line : Files.readAllLines(cache.file, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length == 3 && Digests.isSha256(f[0]) && Digests.isSha256(f[1]) && f[2].matches("[0-9]{1,18}")) {
                    cache.compressed.put(f[0], new PushedBlob(f[1], Long.parseLong(f[2]), Manifest.DOCKER_LAYER_GZIP));
                }
            }
        } catch (NoSuchFileException e) {
            Files.createDirectories(directory);
        }
        return cache;
    }

    Optional<PushedBlob> compressedFor(String diffId) {
        return diffId == null ? Optional.empty() : Optional.ofNullable(compressed.get(diffId));
    }

    void record(String diffId, PushedBlob blob) throws IOException {
        if (diffId == null || blob.equals(compressed.put(diffId, blob)) || file == null) {
            return;
        }
        byte[] line = (diffId + " " + blob.digest() + " " + blob.size() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            // One write of one short line with O_APPEND: lines from other processes do not interleave.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line));
            }
        }
    }
}
