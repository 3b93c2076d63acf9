package io.mezzo.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Tokenizer for RFC 8259 JSON over UTF-8 bytes, reading values on demand so that the protobuf
 * reader can map them straight into builders without building a tree first. Also accepts the
 * bare {@code Infinity}, {@code -Infinity} and {@code NaN} tokens that Mesos' own writer emits.
 * Nesting is capped so that hostile input cannot overflow the stack.
 */
final class JsonScanner {
    static final int MAX_DEPTH = 100;

    private final byte[] in;
    private final int end;
    private int position;

    JsonScanner(byte[] in, int offset, int length) {
        this.in = in;
        this.position = offset;
        this.end = offset + length;
    }

    /** The next significant byte without consuming it, or -1 at the end of input. */
    int peek() {
        skipWhitespace();
        return position < end ? in[position] & 0xff : -1;
    }

    /** Consumes {@code c} if it is the next significant byte. */
    boolean consume(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    void expect(char c) throws CodecException {
        if (!consume(c)) {
            throw syntaxError("expected '" + c + "'");
        }
    }

    void expectEnd() throws CodecException {
        if (peek() != -1) {
            throw syntaxError("unexpected content after the JSON value");
        }
    }

    void checkDepth(int depth) throws CodecException {
        if (depth > MAX_DEPTH) {
            throw syntaxError("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    String readString() throws CodecException {
        expect('"');
        int start = position;
        while (position < end) {
            int b = in[position] & 0xff;
            if (b == '"') {
                return new String(in, start, position++ - start, UTF_8);
            }
            if (b == '\\') {
                return readEscapedString(start);
            }
            if (b < 0x20) {
                throw syntaxError("unescaped control character in string");
            }
            position++;
        }
        throw syntaxError("unterminated string");
    }

    /** Slow path, once a backslash shows up: decode escapes into a builder. */
    private String readEscapedString(int start) throws CodecException {
        StringBuilder out = new StringBuilder(position - start + 16);
        int plainFrom = start;
        while (position < end) {
            int b = in[position] & 0xff;
            if (b == '"') {
                out.append(new String(in, plainFrom, position++ - plainFrom, UTF_8));
                return out.toString();
            }
            if (b < 0x20) {
                throw syntaxError("unescaped control character in string");
            }
            if (b != '\\') {
                position++;
                continue;
            }
            out.append(new String(in, plainFrom, position - plainFrom, UTF_8));
            position++;
            if (position >= end) {
                break;
            }
            char escaped = (char) in[position++];
            switch (escaped) {
                case '"': case '\\': case '/': out.append(escaped); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(readHexChar()); break;
                default: throw syntaxError("invalid escape '\\" + escaped + "'");
            }
            plainFrom = position;
        }
        throw syntaxError("unterminated string");
    }

    private char readHexChar() throws CodecException {
        if (end - position < 4) {
            throw syntaxError("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in[position++], 16);
            if (digit < 0) {
                throw syntaxError("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        return (char) value; // surrogate pairs arrive as two escapes and join in the builder
    }

    /** A JSON number, or one of the bare non-finite tokens. */
    JsonNumber readNumber() throws CodecException {
        skipWhitespace();
        for (String token : new String[] {"Infinity", "-Infinity", "NaN"}) {
            if (matches(token)) {
                position += token.length();
                return JsonNumber.parse(token);
            }
        }
        int start = position;
        if (position < end && in[position] == '-') {
            position++;
        }
        if (position < end && in[position] == '0') {
            position++;
        } else if (!skipDigits()) {
            throw syntaxError("invalid number");
        }
        if (position < end && in[position] == '.') {
            position++;
            if (!skipDigits()) {
                throw syntaxError("invalid number");
            }
        }
        if (position < end && (in[position] == 'e' || in[position] == 'E')) {
            position++;
            if (position < end && (in[position] == '+' || in[position] == '-')) {
                position++;
            }
            if (!skipDigits()) {
                throw syntaxError("invalid number");
            }
        }
        return JsonNumber.parse(new String(in, start, position - start, UTF_8));
    }

    boolean readBoolean() throws CodecException {
        skipWhitespace();
        if (matches("true")) {
            position += 4;
            return true;
        }
        if (matches("false")) {
            position += 5;
            return false;
        }
        throw syntaxError("invalid literal");
    }

    void readNull() throws CodecException {
        skipWhitespace();
        if (!matches("null")) {
            throw syntaxError("invalid literal");
        }
        position += 4;
    }

    /** Reads and discards one value of any kind (e.g. an unknown field), checking its syntax. */
    void skipValue(int depth) throws CodecException {
        checkDepth(depth);
        int next = peek();
        switch (next) {
            case '{':
                position++;
                if (consume('}')) {
                    return;
                }
                do {
                    readString();
                    expect(':');
                    skipValue(depth + 1);
                } while (consume(','));
                expect('}');
                return;
            case '[':
                position++;
                if (consume(']')) {
                    return;
                }
                do {
                    skipValue(depth + 1);
                } while (consume(','));
                expect(']');
                return;
            case '"':
                readString();
                return;
            case 't':
            case 'f':
                readBoolean();
                return;
            case 'n':
                readNull();
                return;
            default:
                readNumber();
        }
    }

    CodecException syntaxError(String what) {
        String found = position < end ? "" : " (end of input)";
        return new CodecException(CodecException.Kind.MALFORMED_JSON,
                "Syntax error at offset " + position + found + ": " + what);
    }

    private boolean skipDigits() {
        int start = position;
        while (position < end && in[position] >= '0' && in[position] <= '9') {
            position++;
        }
        return position > start;
    }

    private boolean matches(String token) {
        if (end - position < token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (in[position + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipWhitespace() {
        while (position < end) {
            byte b = in[position];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            position++;
        }
    }
}
