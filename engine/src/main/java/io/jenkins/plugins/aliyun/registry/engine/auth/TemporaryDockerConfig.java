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

    static final String DIRECTORY_PREFIX = "docker-config";

    private final Path directory;

    private TemporaryDockerConfig(Path directory) {
        this.directory = directory;
    }

    static TemporaryDockerConfig create(Path parent, byte[] content) throws IOException {
        Path dir = PrivateFiles.createTempDirectory(parent, DIRECTORY_PREFIX);
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

    /**
     * Deletes a directory made by {@link DockerConfig#writeTemporary}: its {@code config.json}, any
     * temporary file left beside it, and the directory. Refuses any other directory, so a wrong
     * path can never remove a user's files.
     *
     * @throws IOException if {@code dir} is not such a directory, or cannot be deleted
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Path dirName = dir.getFileName();
        if (dirName == null || !dirName.toString().startsWith(DIRECTORY_PREFIX)) {
            throw new IOException("refusing to delete " + dir + ": it is not a temporary docker config directory");
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = String.valueOf(p.getFileName());
                if (!name.equals(FILE_NAME) && !name.startsWith("." + FILE_NAME)) {
                    throw new IOException("refusing to delete " + dir + ": it holds " + name + ", which this tool did not write");
                }
            }
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
