package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each entry of a tar file lies, found by reading only the 512-byte headers and seeking over
 * the contents (ustar, GNU long names and PAX path/size records), so indexing a large
 * {@code docker save} tarball reads a few kilobytes.
 */
final class TarIndex {

    /** One entry: its data starts at {@code offset} and is {@code size} bytes long. */
    record Entry(String name, long offset, long size, char type, String linkName) {
        boolean isSymlink() {
            return type == '2';
        }

        boolean isFile() {
            return type == '0' || type == 0 || type == '7';
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private TarIndex(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static TarIndex read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            long length = ch.size();
            String longName = null;
            String longLink = null;
            Map<String, String> pax = Map.of();
            ByteBuffer header = ByteBuffer.allocate(512);
            while (pos + 512 <= length) {
                header.clear();
                readFully(ch, header, pos);
                byte[] h = header.array();
                if (isZero(h)) {
                    break;
                }
                char type = (char) (h[156] & 0xff);
                long size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : number(h, 124, 12);
                long data = pos + 512;
                String name = longName != null ? longName : pax.getOrDefault("path", ustarName(h));
                String link = longLink != null ? longLink : pax.getOrDefault("linkpath", string(h, 157, 100));
                pos = data + ((size + 511) / 512) * 512;
                switch (type) {
                    case 'L' -> {
                        longName = stripNul(readString(ch, data, size));
                        continue;
                    }
                    case 'K' -> {
                        longLink = stripNul(readString(ch, data, size));
                        continue;
                    }
                    case 'x' -> {
                        pax = paxRecords(readString(ch, data, size));
                        continue;
                    }
                    case 'g' -> {
                        continue;
                    }
                    default -> {
                        entries.put(normalise(name), new Entry(normalise(name), data, size, type, link));
                        longName = null;
                        longLink = null;
                        pax = Map.of();
                    }
                }
            }
        }
        return new TarIndex(file, entries);
    }

    /** The entry with this name, symbolic links followed. */
    Optional<Entry> find(String name) {
        Entry e = entries.get(normalise(name));
        for (int hops = 0; e != null && e.isSymlink() && hops < 16; hops++) {
            String target = e.linkName().startsWith("/") ? e.linkName() : parent(e.name()) + e.linkName();
            e = entries.get(normalise(target));
        }
        return Optional.ofNullable(e).filter(Entry::isFile);
    }

    Path file() {
        return file;
    }

    /** The bytes of a (small) entry. */
    byte[] bytes(Entry e) throws IOException {
        if (e.size() > 64L * 1024 * 1024) {
            throw new IOException(e.name() + " in " + file + " is too large to be an image manifest or config");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) e.size());
            readFully(ch, b, e.offset());
            return b.array();
        }
    }

    /** A stream over an entry's data. */
    InputStream open(Entry e) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(e.offset());
        return new java.io.BufferedInputStream(new BoundedStream(Channels.newInputStream(ch), e.size()), 1 << 16);
    }

    private static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String p : n.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String ustarName(byte[] h) {
        String name = string(h, 0, 100);
        String magic = string(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = string(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String stripNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** An octal number, or GNU base-256 when the first byte has its high bit set. */
    private static long number(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar file (bad size field \"" + s + "\")");
        }
    }

    private static Map<String, String> paxRecords(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        while (i < bytes.length) {
            int sp = i;
            while (sp < bytes.length && bytes[sp] != ' ') {
                sp++;
            }
            if (sp >= bytes.length) {
                break;
            }
            int len = Integer.parseInt(new String(bytes, i, sp - i, StandardCharsets.US_ASCII));
            String rec = new String(bytes, sp + 1, len - (sp - i) - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                out.put(rec.substring(0, eq), rec.substring(eq + 1));
            }
            i += len;
        }
        return out;
    }

    private static String readString(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
        readFully(ch, b, pos);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new EOFException("the tar file ends inside an entry");
            }
            p += n;
        }
    }

    /** At most {@code remaining} bytes of the underlying stream; closing closes it. */
    static class BoundedStream extends BulkInputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the file ends inside a tar entry");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
