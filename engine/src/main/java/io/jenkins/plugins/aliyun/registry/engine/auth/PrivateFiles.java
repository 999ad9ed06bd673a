package io.jenkins.plugins.aliyun.registry.engine.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Owner-only files and directories for secrets: 0600 files, 0700 directories, atomic replacement. */
final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and missing parents) owner-only; an existing directory is left as it is. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectory(dir);
                ownerOnly(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** A new owner-only directory below {@code parent}. */
    static Path createTempDirectory(Path parent, String prefix) throws IOException {
        createDirectories(parent);
        if (posix(parent)) {
            return Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(DIR));
        }
        Path dir = Files.createTempDirectory(parent, prefix);
        ownerOnly(dir);
        return dir;
    }

    /** Creates a new, empty owner-only (0600) file; fails if {@code file} exists. */
    static void createFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && posix(dir)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            return;
        }
        Files.createFile(file);
        try {
            ownerOnly(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Writes {@code content} to a 0600 temporary file beside {@code file}, then moves it into place. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + target + ": it has no parent directory");
        }
        createDirectories(dir);
        Path tmp;
        boolean posix = posix(dir);
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attr);
        } else {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        }
        try {
            if (!posix) {
                // inside the try: a file that cannot be made private is not left behind
                ownerOnly(tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Where POSIX permissions do not exist (Windows agents): an access control list with a single
     * entry, which gives the owner everything and nobody else anything (no entries inherited from the
     * directory). {@code java.io.File.setReadable(false, false)} cannot do this on Windows: it only
     * reports failure there, so it is not used.
     */
    private static void ownerOnly(Path p) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(p, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (acl == null) {
            throw new IOException("cannot make " + p + " private to its owner: its file system has neither POSIX permissions"
                    + " nor access control lists; use a directory on another file system");
        }
        acl.setAcl(ownerOnlyAcl(acl.getOwner(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
    }

    /** The access control list of an owner-only file or directory (a directory's entry is inherited by what is made in it). */
    static List<AclEntry> ownerOnlyAcl(UserPrincipal owner, boolean directory) {
        return List.of(AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .setFlags(directory ? EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT)
                        : EnumSet.noneOf(AclEntryFlag.class))
                .build());
    }
}
