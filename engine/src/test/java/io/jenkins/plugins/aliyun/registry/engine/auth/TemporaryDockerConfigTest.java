package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deleting a temporary {@code DOCKER_CONFIG} directory may and may not touch. */
class TemporaryDockerConfigTest {

    private static final String REAL_LOGIN = "{\"auths\":{\"h.example.com\":{\"auth\":\"dXNlcjpyZWFs\"}}}";

    @TempDir
    Path tmp;

    /** A user's own docker config directory, holding only a config.json: what must survive. */
    private Path usersDockerDirectory() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home/.docker"));
        Files.writeString(home.resolve(TemporaryDockerConfig.FILE_NAME), REAL_LOGIN);
        return home;
    }

    private void assertUntouched(Path home) throws Exception {
        assertEquals(REAL_LOGIN, Files.readString(home.resolve(TemporaryDockerConfig.FILE_NAME)));
        try (Stream<Path> entries = Files.list(home)) {
            assertEquals(List.of(home.resolve(TemporaryDockerConfig.FILE_NAME)), entries.toList());
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void closeRemovesOnlyTheLinkWhenTheBlockReplacedTheDirectoryWithALink() throws Exception {
        Path home = usersDockerDirectory();
        TemporaryDockerConfig temp = DockerConfig.of("h.example.com", RegistryCredentials.of("u", "pw")).writeTemporary(tmp.resolve("agent-tmp"));
        Path dir = temp.directory();
        // what a block's body might do: DOCKER_CONFIG made to point at the user's own config
        deleteTree(dir);
        Files.createSymbolicLink(dir, home);

        temp.close();

        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "the link is removed");
        assertUntouched(home);
    }

    @Test
    void deleteOfALinkNamedLikeATemporaryDirectoryNeverTouchesItsTarget() throws Exception {
        Path home = usersDockerDirectory();
        Path link = Files.createSymbolicLink(tmp.resolve(TemporaryDockerConfig.DIRECTORY_PREFIX + "123"), home);

        TemporaryDockerConfig.delete(link);

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertUntouched(home);
    }

    @Test
    void aDanglingLinkInPlaceOfTheDirectoryIsRemoved() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve(TemporaryDockerConfig.DIRECTORY_PREFIX + "456"), tmp.resolve("gone"));

        TemporaryDockerConfig.delete(link);

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkNotNamedLikeATemporaryDirectoryIsRefusedAndKept() throws Exception {
        Path home = usersDockerDirectory();
        Path link = Files.createSymbolicLink(tmp.resolve("my-docker"), home);

        assertThrows(java.io.IOException.class, () -> TemporaryDockerConfig.delete(link));

        assertTrue(Files.isSymbolicLink(link));
        assertUntouched(home);
    }

    @Test
    void aFailedWriteIsThrownWithTheFailureToCleanUpAttached() throws Exception {
        Path parent = tmp.resolve("agent-tmp");
        java.io.IOException writeFailure = new java.io.IOException("No space left on device");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> TemporaryDockerConfig.create(parent, dir -> {
            // something the cleanup must refuse to delete: no marker, and a file this tool did not write
            Files.delete(dir.resolve(TemporaryDockerConfig.MARKER));
            Files.writeString(dir.resolve("notes.txt"), "not ours");
            throw writeFailure;
        }));

        assertSame(writeFailure, e, "the write's failure is what is thrown");
        assertEquals(1, e.getSuppressed().length, "the cleanup's failure is attached");
        assertTrue(e.getSuppressed()[0].getMessage().startsWith("refusing to delete"), e.getSuppressed()[0].getMessage());
    }

    @Test
    void aFailedWriteLeavesNoDirectoryBehind() throws Exception {
        Path parent = tmp.resolve("agent-tmp");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> TemporaryDockerConfig.create(parent, dir -> {
            Files.writeString(dir.resolve(TemporaryDockerConfig.FILE_NAME), "{}");
            throw new java.io.IOException("No space left on device");
        }));

        assertEquals(0, e.getSuppressed().length);
        try (Stream<Path> entries = Files.list(parent)) {
            assertEquals(List.of(), entries.toList());
        }
    }

    /** File attributes as Java reports them, e.g. for a Windows junction: a directory that is also "other". */
    private record Attributes(boolean isRegularFile, boolean isDirectory, boolean isSymbolicLink, boolean isOther)
            implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public FileTime lastAccessTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public FileTime creationTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public Object fileKey() {
            return null;
        }
    }

    private static final Attributes JUNCTION = new Attributes(false, true, false, true);
    private static final Attributes DIRECTORY = new Attributes(false, true, false, false);

    @Test
    void aWindowsJunctionCountsAsALinkAndAFifoOrSocketDoesNot() {
        assertTrue(TemporaryDockerConfig.isLink(JUNCTION), "a junction: directory and reparse point");
        assertTrue(TemporaryDockerConfig.isLink(new Attributes(false, false, true, false)), "a symbolic link");
        assertFalse(TemporaryDockerConfig.isLink(DIRECTORY), "a directory");
        assertFalse(TemporaryDockerConfig.isLink(new Attributes(true, false, false, false)), "a file");
        assertFalse(TemporaryDockerConfig.isLink(new Attributes(false, false, false, true)), "a FIFO, socket or device");
    }

    @Test
    void theWalkRemovesAJunctionBeforeListingItAndEmptiesAReparsePointDirectoryThatIsReal() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(TemporaryDockerConfig.DIRECTORY_PREFIX + "1"));
        TemporaryDockerConfig.Deleter deleter = new TemporaryDockerConfig.Deleter(dir);
        // a junction is removed as an empty directory is, whatever its target holds (Windows' RemoveDirectory)
        Path junction = Files.createDirectories(dir.resolve("cli-plugins"));
        assertSame(FileVisitResult.SKIP_SUBTREE, deleter.preVisitDirectory(junction, JUNCTION), "not entered");
        assertFalse(Files.exists(junction));
        // a reparse-point directory with files in it (a cloud-synced folder) is a real directory: entered and emptied
        Path synced = Files.createDirectories(dir.resolve("synced"));
        Files.writeString(synced.resolve("f"), "x");
        assertSame(FileVisitResult.CONTINUE, deleter.preVisitDirectory(synced, JUNCTION));
        assertTrue(Files.exists(synced.resolve("f")));
        assertSame(FileVisitResult.CONTINUE, deleter.preVisitDirectory(synced, DIRECTORY));
        assertSame(FileVisitResult.CONTINUE, deleter.preVisitDirectory(dir, JUNCTION), "the directory itself is always entered");
        assertEquals(null, deleter.failure);
    }

    @Test
    void aLinkToADirectoryInsideIsRemovedAsALinkAndItsTargetKept() throws Exception {
        Path home = usersDockerDirectory();
        Path plugins = Files.createDirectories(home.resolve("cli-plugins"));
        Files.writeString(plugins.resolve("docker-buildx"), "binary");
        TemporaryDockerConfig temp = DockerConfig.of("h.example.com", RegistryCredentials.of("u", "pw")).writeTemporary(tmp.resolve("agent-tmp"));
        // what a block's body might do so that docker finds its plugins under DOCKER_CONFIG
        Files.createSymbolicLink(temp.directory().resolve("cli-plugins"), plugins);

        temp.close();

        assertFalse(Files.exists(temp.directory(), LinkOption.NOFOLLOW_LINKS));
        assertEquals("binary", Files.readString(plugins.resolve("docker-buildx")));
    }
}
