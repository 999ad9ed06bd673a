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

    private static final String[] KEYS = {"sun.stdout.encoding", "stdout.encoding", "sun.stderr.encoding", "stderr.encoding"};
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
        assertEquals(Charset.forName("IBM437"), Main.streamCharset("stdout", true));
        assertEquals(Charset.forName("IBM437"), Main.streamCharset("stderr", false), "stderr can be the console while stdout is piped");
    }

    @Test
    void fromJdk19TheStreamsEncodingCountsOnlyOnAConsole() {
        System.setProperty("stdout.encoding", "GBK");
        assertEquals(Charset.forName("GBK"), Main.streamCharset("stdout", true));
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout", false),
                "redirected output (a Jenkins sh or bat step) stays in the default charset the agent reads it with");
    }

    @Test
    void nothingSetOrAnUnknownNameMeansTheDefaultCharset() {
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout", true));
        System.setProperty("sun.stdout.encoding", "no-such-charset");
        assertEquals(Charset.defaultCharset(), Main.streamCharset("stdout", true));
    }
}
