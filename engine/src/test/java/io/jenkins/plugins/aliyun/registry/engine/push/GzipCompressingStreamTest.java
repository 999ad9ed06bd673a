package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipCompressingStreamTest {

    private static byte[] compress(byte[] data) throws IOException {
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(data), Deflater.BEST_SPEED)) {
            return in.readAllBytes();
        }
    }

    private static byte[] mixed(int mib, long seed) {
        Random r = new Random(seed);
        byte[] data = new byte[mib << 20];
        for (int block = 0; block < mib; block++) {
            if (block % 16 < 4) {
                byte[] noise = new byte[1 << 20];
                r.nextBytes(noise);
                System.arraycopy(noise, 0, data, block << 20, noise.length);
            } else {
                for (int i = 0; i < 1 << 20; i++) {
                    data[(block << 20) + i] = (byte) ("the quick brown fox ".charAt(i % 20) + (i / 4096) % 3);
                }
            }
        }
        return data;
    }

    @Test
    void gzipOfMixedDataDecompressesToTheInputWithStandardGzip() throws IOException {
        byte[] data = mixed(32, 1);
        byte[] gz = compress(data);
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, back.readAllBytes());
        }
        assertTrue(gz.length < data.length * 6 / 10, "compressible parts after random ones compress again: " + gz.length);
    }

    @Test
    void equalInputGivesEqualOutputSoLayerDigestsAreStable() throws IOException {
        byte[] data = mixed(12, 2);
        assertArrayEquals(compress(data), compress(data));
    }

    @Test
    void incompressibleDataIsStoredWithLittleOverhead() throws IOException {
        byte[] data = new byte[16 << 20];
        new Random(3).nextBytes(data);
        byte[] gz = compress(data);
        assertTrue(gz.length < data.length * 1.001, "stored size " + gz.length);
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, back.readAllBytes());
        }
    }

    @Test
    void emptyInputIsAValidEmptyGzip() throws IOException {
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(compress(new byte[0])))) {
            assertArrayEquals(new byte[0], back.readAllBytes());
        }
    }
}
