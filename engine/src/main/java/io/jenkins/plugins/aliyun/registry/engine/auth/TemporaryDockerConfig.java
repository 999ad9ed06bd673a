package io.jenkins.plugins.aliyun.registry.engine.auth;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A {@code config.json} in a private directory of its own, for the length of a block: point
 * {@code DOCKER_CONFIG} at {@link #directory()}; {@link #close()} deletes the file and the directory,
 * with whatever the tools of the block wrote there (docker's {@code contexts/}, buildx's {@code buildx/}…).
 */
public final class TemporaryDockerConfig implements AutoCloseable {

    /** The file name docker, Kaniko and skopeo look for in {@code DOCKER_CONFIG}. */
    public static final String FILE_NAME = "config.json";

    static final String DIRECTORY_PREFIX = "docker-config";

    /**
     * An empty file {@link #create} puts in the directory before {@code config.json}: it tells
     * {@link #delete} that the whole directory is ours to remove. docker and the other tools ignore it.
     */
    static final String MARKER = ".made-by-aliyun-container-registry";

    private final Path directory;

    private TemporaryDockerConfig(Path directory) {
        this.directory = directory;
    }

    static TemporaryDockerConfig create(Path parent, byte[] content) throws IOException {
        return create(parent, dir -> PrivateFiles.writeAtomically(dir.resolve(FILE_NAME), content));
    }

    /** Writes the login into a new temporary directory. */
    interface Writer {
        void writeInto(Path dir) throws IOException;
    }

    /**
     * A new directory with the marker, then {@code writer} fills it. If that fails, the directory is
     * deleted and the failure is thrown, carrying any failure of the deletion as a suppressed exception.
     */
    static TemporaryDockerConfig create(Path parent, Writer writer) throws IOException {
        Path dir = PrivateFiles.createTempDirectory(parent, DIRECTORY_PREFIX);
        try {
            PrivateFiles.createFile(dir.resolve(MARKER));
            writer.writeInto(dir);
        } catch (IOException | RuntimeException e) {
            try {
                delete(dir);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
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
     * Deletes a directory made by {@link DockerConfig#writeTemporary}: first its {@code config.json}
     * and any temporary file left beside it, so the login is gone even if the rest cannot be removed;
     * then everything the block's tools wrote into it (symbolic links are removed, never followed); then
     * the directory. Refuses any directory that does not carry the marker {@link #create} wrote, beyond
     * one holding only {@code config.json} and its temporary files, so a wrong path can never remove a
     * user's files. If {@code dir} has been replaced by a symbolic link (or a Windows junction), only the
     * link is removed: what it points to (e.g. {@code ~/.docker}) is never listed or touched; so are
     * links and junctions inside it.
     *
     * @throws IOException if {@code dir} is not such a directory, or cannot be deleted
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path dirName = dir.getFileName();
        if (dirName == null || !dirName.toString().startsWith(DIRECTORY_PREFIX)) {
            throw new IOException("refusing to delete " + dir + ": it is not a temporary docker config directory");
        }
        if (isLink(Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS))) {
            // The block replaced our directory with a link or junction: remove it, never what it points to.
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (DirectoryNotEmptyException realDirectory) {
                // a reparse point that is no junction (a cloud-synced folder): a directory, handled below
            }
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            deleteMarked(dir);
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!isConfigFile(p)) {
                    throw new IOException("refusing to delete " + dir + ": it holds " + p.getFileName() + ", which this tool did not write");
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

    /**
     * A symbolic link, or a directory that is also "other": on Windows a directory junction
     * ({@code mklink /J}) reads as a directory and a reparse point, and walking into it would delete
     * the files it points to (Jenkins core's {@code Util.isSymlink} counts "other" as a link too). A
     * junction is removed as a link whatever its target holds; a reparse-point directory that turns
     * out not to be empty when removed is a real one, and is emptied as a directory.
     */
    static boolean isLink(BasicFileAttributes attrs) {
        return attrs.isSymbolicLink() || (attrs.isDirectory() && attrs.isOther());
    }

    private static boolean isConfigFile(Path p) {
        String name = String.valueOf(p.getFileName());
        return name.equals(FILE_NAME) || name.startsWith("." + FILE_NAME);
    }

    /** Deletes a directory that carries the marker: the login first, the marker last, links as links. */
    private static void deleteMarked(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (isConfigFile(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Deleter deleter = new Deleter(dir);
        Files.walkFileTree(dir, deleter);
        IOException failure = deleter.failure;
        if (failure != null) {
            throw new IOException("cannot delete everything in " + dir + " (its config.json is deleted): "
                    + failure.getClass().getSimpleName() + " for " + describe(failure, dir)
                    + "; remove the directory by hand", failure);
        }
    }

    /**
     * Empties and removes a marked directory, the marker last. walkFileTree does not follow symbolic
     * links (a link is visited as a file and deleted itself), but it does enter a Windows junction,
     * which {@link #preVisitDirectory} removes as a link before anything inside is listed.
     */
    static final class Deleter extends SimpleFileVisitor<Path> {
        private final Path dir;
        private final Path marker;
        IOException failure;

        Deleter(Path dir) {
            this.dir = dir;
            this.marker = dir.resolve(MARKER);
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (!d.equals(dir) && isLink(attrs)) {
                try {
                    Files.delete(d); // the junction itself; what it points to is never listed
                    return FileVisitResult.SKIP_SUBTREE;
                } catch (DirectoryNotEmptyException realDirectory) {
                    return FileVisitResult.CONTINUE;
                } catch (IOException e) {
                    record(e);
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!file.equals(marker)) {
                remove(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            remove(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) {
            if (e != null) {
                record(e);
            }
            if (!d.equals(dir)) {
                remove(d);
            } else if (failure == null) {
                // the marker goes last, so a second attempt after a failure may still delete the rest
                remove(marker);
                remove(d);
            }
            return FileVisitResult.CONTINUE;
        }

        private void remove(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                record(e);
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private static String describe(IOException e, Path dir) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile();
        }
        return String.valueOf(dir);
    }
}
