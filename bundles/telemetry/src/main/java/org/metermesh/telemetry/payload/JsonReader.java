package org.metermesh.telemetry.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser into a small tree: {@link Members} for objects (members in document order,
 * duplicates kept so that the caller can name them), {@link List} for arrays, {@link String}, {@link Number} for
 * numbers (the literal text, so that no precision is lost before the caller knows the type), {@link Boolean}, and
 * {@link #NULL}. Nesting is bounded.
 */
final class JsonReader {

    /** The JSON literal null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** An object's members in document order. */
    record Members(List<Map.Entry<String, Object>> members) {
    }

    /** A number literal as written (RFC 8259 section 6). */
    record Number(String literal) {
        boolean isInteger() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }
    }

    /** Malformed JSON, with the character offset where it was found. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message, int offset) {
            super(message + " at offset " + offset, null, false, false);
        }
    }

    private final String text;
    private final int maxDepth;
    private int pos;

    private JsonReader(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    static Object parse(String text, int maxDepth) throws SyntaxException {
        JsonReader reader = new JsonReader(text, maxDepth);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new SyntaxException("unexpected content after the JSON value", reader.pos);
        }
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (pos >= text.length()) {
            throw new SyntaxException("unexpected end of input", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw new SyntaxException("unexpected character '" + c + "'", pos);
        }
    }

    private Members object(int depth) throws SyntaxException {
        checkDepth(depth);
        pos++;
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new Members(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new SyntaxException("expected a member name in quotes", pos);
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.add(Map.entry(name, value(depth)));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return new Members(members);
            }
            if (c != ',') {
                throw new SyntaxException("expected ',' or '}' in an object", pos - 1);
            }
        }
    }

    private List<Object> array(int depth) throws SyntaxException {
        checkDepth(depth);
        pos++;
        List<Object> values = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return values;
        }
        while (true) {
            skipWhitespace();
            values.add(value(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return values;
            }
            if (c != ',') {
                throw new SyntaxException("expected ',' or ']' in an array", pos - 1);
            }
        }
    }

    private String string() throws SyntaxException {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated string", start);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw new SyntaxException("unescaped control character in a string", pos - 1);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated escape", pos - 1);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new SyntaxException("truncated \\u escape", pos - 2);
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0) {
                            throw new SyntaxException("bad hex digit in a \\u escape", pos + i);
                        }
                        code = code * 16 + digit;
                    }
                    pos += 4;
                    out.append((char) code);
                }
                default -> throw new SyntaxException("unknown escape '\\" + e + "'", pos - 2);
            }
        }
        String s = out.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SyntaxException("unpaired UTF-16 surrogate in a string", start);
            }
        }
        return s;
    }

    private Number number() throws SyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new SyntaxException("expected a digit", pos);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new SyntaxException("expected a digit after '.'", pos);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new SyntaxException("expected a digit in the exponent", pos);
            }
            digits();
        }
        return new Number(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws SyntaxException {
        if (!text.startsWith(word, pos)) {
            throw new SyntaxException("expected '" + word + "'", pos);
        }
        pos += word.length();
    }

    private void expect(char c) throws SyntaxException {
        if (peek() != c) {
            throw new SyntaxException("expected '" + c + "'", pos);
        }
        pos++;
    }

    /** The next character, or NUL at the end (never valid where a character is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void checkDepth(int depth) throws SyntaxException {
        if (depth > maxDepth) {
            throw new SyntaxException("nested deeper than " + maxDepth + " levels", pos);
        }
    }
}
