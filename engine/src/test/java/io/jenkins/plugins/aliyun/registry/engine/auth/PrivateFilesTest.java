package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only files where the file system has no POSIX permissions. */
class PrivateFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aTemporaryFileThatCannotBeMadePrivateIsNotLeftBehind() throws Exception {
        // A zip file system has no POSIX permissions, so the owner-only fallback runs, and fails there.
        URI zip = URI.create("jar:" + tmp.resolve("fs.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path dir = Files.createDirectories(fs.getPath("/agent"));
            assertFalse(PrivateFiles.posix(dir));
            Path file = dir.resolve("config.json");

            assertThrows(Exception.class, () -> PrivateFiles.writeAtomically(file, "{\"auths\":{}}".getBytes(StandardCharsets.UTF_8)));

            try (Stream<Path> entries = Files.list(dir)) {
                assertEquals(List.of(), entries.toList(), "no temporary file may stay beside the target");
            }
        }
    }

    /**
     * A Windows-like file system (Windows paths, access control lists, no POSIX permissions) in which
     * every new file and directory starts readable by Everyone, as inherited entries make them on NTFS.
     */
    private static FileSystem windowsLike(UserPrincipal[] everyone) throws Exception {
        FileSystem probe = Jimfs.newFileSystem(Configuration.windows());
        everyone[0] = probe.getUserPrincipalLookupService().lookupPrincipalByName("Everyone");
        probe.close();
        AclEntry readByAll = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(everyone[0])
                .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES)).build();
        return Jimfs.newFileSystem(Configuration.windows().toBuilder()
                .setAttributeViews("basic", "owner", "dos", "acl")
                .setDefaultAttributeValue("acl:acl", List.of(readByAll))
                .build());
    }

    @Test
    void withoutPosixPermissionsFilesAndDirectoriesGetAnAccessControlListOfTheOwnerAlone() throws Exception {
        UserPrincipal[] everyone = new UserPrincipal[1];
        try (FileSystem fs = windowsLike(everyone)) {
            Path dir = fs.getPath("C:\\agent\\workspace@tmp\\docker");
            assertFalse(PrivateFiles.posix(dir));
            PrivateFiles.createDirectories(dir);
            Path file = dir.resolve("config.json");
            PrivateFiles.writeAtomically(file, "{\"auths\":{}}".getBytes(StandardCharsets.UTF_8));
            PrivateFiles.writeAtomically(file, "{\"auths\":{\"a\":{}}}".getBytes(StandardCharsets.UTF_8));
            Path created = dir.resolve("other.json");
            PrivateFiles.createFile(created);
            Path temp = PrivateFiles.createTempDirectory(dir, "login");

            assertEquals("{\"auths\":{\"a\":{}}}", Files.readString(file));
            for (Path p : List.of(fs.getPath("C:\\agent"), dir, file, created, temp)) {
                AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
                List<AclEntry> acl = view.getAcl();
                assertEquals(1, acl.size(), p + ": " + acl);
                AclEntry only = acl.get(0);
                assertEquals(view.getOwner(), only.principal(), p.toString());
                assertTrue(only.principal() != everyone[0] && !only.principal().equals(everyone[0]), p.toString());
                assertEquals(AclEntryType.ALLOW, only.type());
                assertTrue(only.permissions().containsAll(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                        AclEntryPermission.DELETE)), p + ": " + only.permissions());
                assertEquals(PrivateFiles.ownerOnlyAcl(view.getOwner(), Files.isDirectory(p)), acl, p.toString());
            }
            try (Stream<Path> entries = Files.list(dir)) {
                assertEquals(Stream.of("config.json", "other.json", temp.getFileName().toString()).sorted().toList(),
                        entries.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
            }
        }
    }
}
