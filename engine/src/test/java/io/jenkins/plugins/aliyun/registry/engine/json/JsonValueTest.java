package io.jenkins.plugins.aliyun.registry.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValueTest {

    @Test
    void readsAManifestWithMembersInDocumentOrder() throws Exception {
        JsonValue v = JsonValue.parse(" {\"schemaVersion\":2,\"mediaType\":\"a/b\",\"layers\":[{\"size\":94567890123,\"digest\":\"sha256:x\"},"
                + "{\"size\":-1}],\"z\":null,\"t\":true,\"f\":false,\"d\":1.5e3}\n");
        assertEquals(List.of("schemaVersion", "mediaType", "layers", "z", "t", "f", "d"), List.copyOf(v.members().keySet()));
        assertEquals(2, v.get("schemaVersion").longValue(0));
        assertEquals(94567890123L, v.get("layers").get(0).get("size").longValue(0));
        assertEquals(-1, v.get("layers").get(1).get("size").longValue(0));
        assertEquals("sha256:x", v.get("layers").get(0).get("digest").text(null));
        assertTrue(v.get("z").isNull());
        assertTrue(v.get("t").booleanValue(false));
        assertEquals(1500.0, v.get("d").numberValue().doubleValue());
    }

    @Test
    void aPathThroughAbsentOrWrongMembersIsMissingNotAnError() throws Exception {
        JsonValue v = JsonValue.parse("{\"rootfs\":\"text\"}");
        assertTrue(v.get("rootfs").get("diff_ids").get(3).isMissing());
        assertEquals("fallback", v.get("nope").text("fallback"));
        assertEquals(-1, v.get("rootfs").longValue(-1));
        assertEquals(0, v.get("rootfs").elements().size());
    }

    @Test
    void decodesEscapesAndKeepsNonAsciiText() throws Exception {
        assertEquals("a\"b\\c/\b\f\n\r\t\u00e9\u20ac wörd", JsonValue.parse("\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC wörd\"").text(null));
    }

    @Test
    void keepsIntegersBeyondLongExactly() throws Exception {
        assertEquals(new BigInteger("123456789012345678901234567890"), JsonValue.parse("123456789012345678901234567890").numberValue());
    }

    @Test
    void aDuplicateKeyKeepsTheLastValue() throws Exception {
        assertEquals("2", JsonValue.parse("{\"a\":\"1\",\"a\":\"2\"}").get("a").text(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}", "{\"a\":1} x", "// c\n{}", "{\"a\":\"x\ty\"}",
        "\"\\x\"", "\"\\u12\"", "tru", "NaN", "-", "1.", "1e", "{\"a\" 1}", "[1 2]", "\"open"})
    void refusesWhatIsNotStrictJson(String text) {
        assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
    }

    @Test
    void nestingIsBounded() throws Exception {
        JsonValue.parse("[".repeat(JsonValue.MAX_DEPTH) + "]".repeat(JsonValue.MAX_DEPTH));
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }

    @Test
    void theErrorNamesLineAndColumn() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"));
        assertEquals(3, e.getLine());
        assertEquals("not valid JSON: expected ':' at line 3, column 7", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"\\u00\u0664\u0661\"", // ARABIC-INDIC DIGIT FOUR, ONE: digits to Character.digit, not to JSON
        "\"\\u\uff10\uff10\uff14\uff11\"", // FULLWIDTH DIGIT ZERO, ZERO, FOUR, ONE
        "\"\\u00\uff21\uff21\"", // FULLWIDTH LATIN CAPITAL LETTER A
        "\"\\u00g1\""})
    void aUnicodeEscapeTakesAsciiHexDigitsOnly(String text) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
        assertTrue(e.getMessage().contains("bad hex digit in a \\u escape"), e.getMessage());
    }

    @Test
    void aUnicodeEscapeTakesEitherCaseOfAsciiHex() throws Exception {
        assertEquals("\u00af\u00AF\u0009", JsonValue.parse("\"\\u00af\\u00AF\\u0009\"").text(null));
    }

    @Test
    void aNumberOfAtMost1000CharactersIsRead() throws Exception {
        assertEquals(1000, JsonValue.MAX_NUMBER_LENGTH);
        String longest = "9".repeat(1000);
        assertEquals(new BigInteger(longest), JsonValue.parse(longest).numberValue());
        assertEquals(new BigInteger("-" + longest.substring(1)), JsonValue.parse("[-" + longest.substring(1) + "]").get(0).numberValue());
        assertEquals(0.5, JsonValue.parse("0.5" + "0".repeat(997)).numberValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer", "negative", "fraction", "exponent", "in an array"})
    void aNumberLongerThan1000CharactersIsRefused(String form) {
        String digits = "1".repeat(1000);
        String text = switch (form) {
            case "integer" -> digits + "1";
            case "negative" -> "-" + digits;
            case "fraction" -> "0." + digits.substring(1);
            case "exponent" -> "1e" + digits.substring(1);
            default -> "[1, " + digits + "2]";
        };
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
        assertTrue(e.getMessage().contains("a number of 1001 characters (at most 1000 are allowed)"), e.getMessage());
    }

    @Test
    void aHugeNumberIsRefusedWhereItStarts() {
        // 16 MiB of digits, the most a response may hold: BigInteger's parse is quadratic in the length
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse("[\n " + "7".repeat(16 << 20) + "]"));
        assertEquals("not valid JSON: a number of 16777216 characters (at most 1000 are allowed) at line 2, column 2", e.getMessage());
    }

    @Test
    void aSurrogatePairOfEscapesIsOneCharacter() throws Exception {
        String text = JsonValue.parse("\"a\\uD83D\\uDE00b\\ud83d\\ude00\"").text(null);
        assertEquals("a\uD83D\uDE00b\uD83D\uDE00", text);
        assertEquals(List.of((int) 'a', 0x1F600, (int) 'b', 0x1F600), text.codePoints().boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"\\uD83D\"", // at the end of the string
        "\"\\uD83Dx\"", // before a plain character
        "\"\\uD83D\\n\"", // before another escape
        "\"\\uD83D\\u0041\"", // before an escape that is no low surrogate
        "\"\\uDBFF\\uD800\"", // before a second high surrogate
        "\"\\uD83D\uDE00\"", // before a low surrogate not written as an escape
        "{\"\\uD800\":1}"}) // in a member name
    void aHighSurrogateEscapeWithoutALowSurrogateEscapeAfterItIsRefused(String text) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
        assertTrue(e.getMessage().contains("a \\u escape of a high surrogate not followed by a \\u escape of a low surrogate"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\uDE00\"", "\"x\\uDC00y\"", "\"\\uDFFF\\uD83D\"", "[\"\\uD83D\\uDE00\\uDE00\"]"})
    void aLowSurrogateEscapeWithoutAHighSurrogateBeforeItIsRefused(String text) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
        assertTrue(e.getMessage().contains("a \\u escape of a low surrogate with no high surrogate before it"), e.getMessage());
    }

    @Test
    void aSurrogateErrorPointsAtTheEscape() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse("\"ab\\uD83D\""));
        assertTrue(e.getMessage().endsWith("at line 1, column 4"), e.getMessage());
    }

    @Test
    void nestingOf64IsReadAnd65IsRefused() throws Exception {
        assertEquals(64, JsonValue.MAX_DEPTH);
        assertEquals(1, JsonValue.parse("[".repeat(64) + "]".repeat(64)).size());
        JsonValue deepest = JsonValue.parse("[".repeat(64) + "true" + "]".repeat(64));
        for (int i = 0; i < 64; i++) {
            deepest = deepest.get(0);
        }
        assertTrue(deepest.booleanValue(false));
        assertEquals(1, JsonValue.parse("{\"a\":".repeat(63) + "{}" + "}".repeat(63)).size());

        for (String text : List.of("[".repeat(65) + "]".repeat(65), "{\"a\":".repeat(64) + "{}" + "}".repeat(64),
                "[".repeat(64) + "{}" + "]".repeat(64), "{\"a\":".repeat(64) + "[]" + "}".repeat(64))) {
            MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonValue.parse(text));
            // the error points at the 65th opening bracket, the last one
            int column = Math.max(text.lastIndexOf('['), text.lastIndexOf('{')) + 1;
            assertEquals("not valid JSON: nesting deeper than 64 at line 1, column " + column, e.getMessage());
        }
    }

    @Test
    void toStringShowsTheKindAndSizeNeverTheContents() throws Exception {
        String secret = "c2VjcmV0LXRva2Vu";
        JsonValue config = JsonValue.parse("{\"auths\":{\"h.example.com\":{\"auth\":\"" + secret + "\",\"n\":98765,\"ok\":true}},"
                + "\"tokens\":[\"" + secret + "\",\"x\"],\"none\":null}");
        assertEquals("object (size 3)", config.toString());
        assertEquals("object (size 1)", config.get("auths").toString());
        assertEquals("array (size 2)", config.get("tokens").toString());
        assertEquals("string (length 16)", config.get("auths").get("h.example.com").get("auth").toString());
        assertEquals("number", config.get("auths").get("h.example.com").get("n").toString());
        assertEquals("boolean", config.get("auths").get("h.example.com").get("ok").toString());
        assertEquals("null", config.get("none").toString());
        assertEquals("(missing)", config.get("absent").toString());
        assertFalse(String.valueOf(config.members()).contains(secret), "a map of members prints their toString");
        assertFalse(String.valueOf(config.get("tokens").elements()).contains(secret));
    }
}
