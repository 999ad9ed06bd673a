package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which charset the command line writes its output in: a console's own, else the default. */
class StreamCharsetTest {

    private static final String[] KEYS = {"sun.stdout.encoding", "stdout.encoding", "sun.stderr.encoding", "stderr.encoding", "native.encoding"};
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clear() {
        for (String key : KEYS) {
            saved.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void aWindowsConsoleOnJdk17GetsItsCodePage() {
        // JDK 17 sets these only when the stream is a Windows console; cp437 writes é as 0x82, not windows-1252's 0xE9
        System.setProperty("sun.stdout.encoding", "cp437");
        System.setProperty("sun.stderr.encoding", "cp437");
        assertEquals(Charset.forName("IBM437"), Main.streamCharset("stdout"));
        assertEquals(Charset.forName("IBM437"), Main.streamCharset("stderr"));
    }

    @Test
    void fromJdk19AStreamsEncodingCountsWhereItDiffersFromTheAnsiCodePage() {
        System.setProperty("native.encoding", "Cp1252");
        System.setProperty("stdout.encoding", "cp936");   // a Chinese Windows console
        System.setProperty("stderr.encoding", "Cp1252");  // redirected: the ANSI code page
        assertEquals(Charset.forName("GBK"), Main.streamCharset("stdout"));
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stderr"),
                "redirected output (a Jenkins bat step) stays in the default charset the agent reads it with");
        System.setProperty("native.encoding", "ANSI_X3.4-1968");
        System.setProperty("stdout.encoding", "US-ASCII"); // a Unix shell without a locale: the same charset, named otherwise
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout"));
    }

    @Test
    void nothingSetOrAnUnknownNameMeansTheDefaultCharset() {
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout"));
        System.setProperty("sun.stdout.encoding", "no-such-charset");
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout"));
    }
}
