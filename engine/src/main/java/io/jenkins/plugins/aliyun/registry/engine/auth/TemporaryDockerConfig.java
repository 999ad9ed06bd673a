package io.jenkins.plugins.aliyun.registry.engine.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code config.json} in a private directory of its own, for the length of a block: point
 * {@code DOCKER_CONFIG} at {@link #directory()}; {@link #close()} deletes the file and the directory.
 */
public final class TemporaryDockerConfig implements AutoCloseable {

    /** The file name docker, Kaniko and skopeo look for in {@code DOCKER_CONFIG}. */
    public static final String FILE_NAME = "config.json";

    private final Path directory;

    private TemporaryDockerConfig(Path directory) {
        this.directory = directory;
    }

    static TemporaryDockerConfig create(Path parent, byte[] content) throws IOException {
        Path dir = PrivateFiles.createTempDirectory(parent, "docker-config");
        try {
            PrivateFiles.writeAtomically(dir.resolve(FILE_NAME), content);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        return new TemporaryDockerConfig(dir);
    }

    /** The directory to use as {@code DOCKER_CONFIG}. */
    public Path directory() {
        return directory;
    }

    /** The {@code config.json} inside {@link #directory()}. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** Deletes the file and its directory; safe to call more than once. */
    @Override
    public void close() throws IOException {
        delete(directory);
    }

    /** Deletes a directory made by this class, with whatever is in it. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
