package io.jenkins.plugins.aliyun.registry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        assertEquals("a\\nb\\rc\\td", Text.escapeControls("a\nb\rc\td"));
        assertEquals("\\u001b[31mred\\u001b[0m", Text.escapeControls("\u001b[31mred\u001b[0m"));
        assertEquals("x\\u2028y\\u2029z\\u0085\\u009b\\u007f", Text.escapeControls("x\u2028y\u2029z\u0085\u009b\u007f"));
        assertEquals("plain ü 密", Text.escapeControls("plain ü 密"));
        assertNull(Text.escapeControls(null));
    }

    @Test
    void oneLineJoinsWhiteSpaceAndEscapesTheRest() {
        assertEquals("a b c", Text.oneLine("  a\n\n b\t\tc \r\n"));
        assertEquals("denied \\u001b]0;pwned\\u0007 x\\u2028y", Text.oneLine("denied\n\u001b]0;pwned\u0007 x\u2028y"));
        assertEquals("", Text.oneLine(null));
    }
}
