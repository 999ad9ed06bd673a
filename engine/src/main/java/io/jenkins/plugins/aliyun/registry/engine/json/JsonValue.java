package io.jenkins.plugins.aliyun.registry.engine.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value: an object (keys in document order), an array, a string, a number, a
 * boolean, {@code null} — or "missing", what {@link #get} gives for an absent key, so that a path
 * like {@code v.get("rootfs").get("diff_ids")} never throws. Immutable.
 *
 * <p>The reader is strict (RFC 8259): no comments, no trailing commas, no single quotes, no
 * leading zeros, no control characters in strings, only ASCII hex digits in Unicode escapes and no
 * escape of half a surrogate pair without the other half, nothing after the value, nesting at most
 * {@value #MAX_DEPTH} deep, no number longer than {@value #MAX_NUMBER_LENGTH} characters (turning a
 * longer one into a {@code BigInteger} takes time quadratic in its length); a duplicate key keeps the
 * last value, as Go's decoder does.
 */
public final class JsonValue {

    static final int MAX_DEPTH = 64;

    static final int MAX_NUMBER_LENGTH = 1000;

    private static final Object MISSING = new Object();
    private static final Object NULL = new Object();
    private static final JsonValue MISSING_VALUE = new JsonValue(MISSING);

    private final Object value;

    private JsonValue(Object value) {
        this.value = value;
    }

    /** Parses UTF-8 bytes. */
    public static JsonValue parse(byte[] utf8) throws MalformedJsonException {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Parses text. */
    public static JsonValue parse(String text) throws MalformedJsonException {
        Reader r = new Reader(text);
        r.skipSpace();
        JsonValue v = r.value(0);
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("unexpected text after the JSON value");
        }
        return v;
    }

    /** The member {@code key} of an object; "missing" for anything else or an absent key. */
    public JsonValue get(String key) {
        if (value instanceof Map<?, ?> m) {
            JsonValue v = (JsonValue) m.get(key);
            return v == null ? MISSING_VALUE : v;
        }
        return MISSING_VALUE;
    }

    /** The element {@code i} of an array; "missing" for anything else or out of range. */
    public JsonValue get(int i) {
        if (value instanceof List<?> l && i >= 0 && i < l.size()) {
            return (JsonValue) l.get(i);
        }
        return MISSING_VALUE;
    }

    /** An array's elements, or an empty list for anything else. */
    @SuppressWarnings("unchecked")
    public List<JsonValue> elements() {
        return value instanceof List<?> l ? (List<JsonValue>) l : List.of();
    }

    /** An object's members in document order, or an empty map for anything else. */
    @SuppressWarnings("unchecked")
    public Map<String, JsonValue> members() {
        return value instanceof Map<?, ?> m ? (Map<String, JsonValue>) m : Map.of();
    }

    /** Elements of an array or members of an object; 0 for anything else. */
    public int size() {
        return value instanceof List<?> l ? l.size() : value instanceof Map<?, ?> m ? m.size() : 0;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isNumber() {
        return value instanceof Number;
    }

    public boolean isNull() {
        return value == NULL;
    }

    public boolean isMissing() {
        return value == MISSING;
    }

    /** The string, or {@code fallback} for anything that is not a string. */
    public String text(String fallback) {
        return value instanceof String s ? s : fallback;
    }

    /** The number as a long if it is an integer within range, else {@code fallback}. */
    public long longValue(long fallback) {
        return value instanceof Long n ? n : fallback;
    }

    /** The number: a {@code Long}, a {@code BigInteger} beyond long's range, or a {@code Double}; null if not a number. */
    public Number numberValue() {
        return value instanceof Number n ? n : null;
    }

    /** The boolean, or {@code fallback} for anything that is not one. */
    public boolean booleanValue(boolean fallback) {
        return value instanceof Boolean b ? b : fallback;
    }

    /**
     * The kind of value and its size, never its contents: a parsed document can hold tokens and
     * {@code auth} values, and a {@code toString} ends up in logs and messages.
     */
    @Override
    public String toString() {
        if (value == MISSING) {
            return "(missing)";
        }
        if (value == NULL) {
            return "null";
        }
        if (value instanceof Map<?, ?> m) {
            return "object (size " + m.size() + ")";
        }
        if (value instanceof List<?> l) {
            return "array (size " + l.size() + ")";
        }
        if (value instanceof String text) {
            return "string (length " + text.length() + ")";
        }
        return value instanceof Number ? "number" : "boolean";
    }

    /** A recursive-descent reader over the whole text. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        /** A value inside {@code depth} objects and arrays. */
        JsonValue value(int depth) throws MalformedJsonException {
            if (pos >= s.length()) {
                throw error("unexpected end of the text");
            }
            char c = s.charAt(pos);
            if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
                // this object or array would be nested depth + 1 deep
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return new JsonValue(string());
                case 't':
                    literal("true");
                    return new JsonValue(Boolean.TRUE);
                case 'f':
                    literal("false");
                    return new JsonValue(Boolean.FALSE);
                case 'n':
                    literal("null");
                    return new JsonValue(NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return new JsonValue(number());
                    }
                    throw error("unexpected character '" + printable(c) + "'");
            }
        }

        private JsonValue object(int depth) throws MalformedJsonException {
            pos++;
            Map<String, JsonValue> members = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new JsonValue(Collections.unmodifiableMap(members));
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name in quotes");
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                members.remove(key);
                members.put(key, value(depth + 1));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return new JsonValue(Collections.unmodifiableMap(members));
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private JsonValue array(int depth) throws MalformedJsonException {
            pos++;
            List<JsonValue> elements = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new JsonValue(Collections.unmodifiableList(elements));
            }
            while (true) {
                skipSpace();
                elements.add(value(depth + 1));
                skipSpace();
                char c = next();
                if (c == ']') {
                    return new JsonValue(Collections.unmodifiableList(elements));
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() throws MalformedJsonException {
            pos++;
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String text = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
                    pos++;
                    return text;
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(s, start, pos);
                    pos++;
                    escape(out);
                    start = pos;
                } else {
                    pos++;
                }
            }
        }

        /** Reads the escape after a backslash and appends what it stands for. */
        private void escape(StringBuilder out) throws MalformedJsonException {
            int escapeStart = pos - 1;
            char e = next();
            switch (e) {
                case '"': out.append('"'); return;
                case '\\': out.append('\\'); return;
                case '/': out.append('/'); return;
                case 'b': out.append('\b'); return;
                case 'f': out.append('\f'); return;
                case 'n': out.append('\n'); return;
                case 'r': out.append('\r'); return;
                case 't': out.append('\t'); return;
                case 'u':
                    char c = hex4();
                    if (Character.isLowSurrogate(c)) {
                        pos = escapeStart;
                        throw error("a \\u escape of a low surrogate with no high surrogate before it");
                    }
                    if (Character.isHighSurrogate(c)) {
                        // a string holds UTF-16: the low half must follow at once, as another escape
                        if (!s.startsWith("\\u", pos)) {
                            pos = escapeStart;
                            throw error("a \\u escape of a high surrogate not followed by a \\u escape of a low surrogate (\\uDC00-\\uDFFF)");
                        }
                        pos += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            pos = escapeStart;
                            throw error("a \\u escape of a high surrogate not followed by a \\u escape of a low surrogate (\\uDC00-\\uDFFF)");
                        }
                        out.append(c).append(low);
                        return;
                    }
                    out.append(c);
                    return;
                default:
                    pos--;
                    throw error("bad escape \\" + printable(e));
            }
        }

        /** The character the four hex digits after the {@code u} of a Unicode escape stand for. */
        private char hex4() throws MalformedJsonException {
            if (pos + 4 > s.length()) {
                throw error("short \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = hexDigit(s.charAt(pos++));
                if (d < 0) {
                    pos--;
                    throw error("bad hex digit in a \\u escape");
                }
                v = v * 16 + d;
            }
            return (char) v;
        }

        /** The value of an ASCII hex digit (RFC 8259 allows no other), or -1. */
        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        private Object number() throws MalformedJsonException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
                if (peek() >= '0' && peek() <= '9') {
                    throw error("a number with a leading zero");
                }
            } else {
                digits();
            }
            boolean integral = true;
            if (peek() == '.') {
                pos++;
                digits();
                integral = false;
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits();
                integral = false;
            }
            if (pos - start > MAX_NUMBER_LENGTH) {
                int length = pos - start;
                pos = start;
                throw error("a number of " + length + " characters (at most " + MAX_NUMBER_LENGTH + " are allowed)");
            }
            String text = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException tooBig) {
                    return new java.math.BigInteger(text);
                }
            }
            return Double.parseDouble(text);
        }

        private void digits() throws MalformedJsonException {
            if (peek() < '0' || peek() > '9') {
                throw error("expected a digit");
            }
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }

        private void literal(String word) throws MalformedJsonException {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected word (expected " + word + ")");
            }
            pos += word.length();
        }

        private void expect(char c) throws MalformedJsonException {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() throws MalformedJsonException {
            if (pos >= s.length()) {
                throw error("unexpected end of the text");
            }
            return s.charAt(pos++);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        MalformedJsonException error(String what) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new MalformedJsonException("not valid JSON: " + what, line, pos - lineStart + 1);
        }

        private static String printable(char c) {
            return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        }
    }
}
