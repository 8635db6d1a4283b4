package org.metermesh.telemetry.payload;

/** A minimal JSON (RFC 8259) text builder: the caller writes structure, this class gets escaping and commas right. */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private boolean needComma;

    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    /** A member name; the value follows. */
    public JsonWriter name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        string(s);
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean b) {
        return raw(Boolean.toString(b));
    }

    public JsonWriter value(long n) {
        return raw(Long.toString(n));
    }

    /** A finite number as Java writes it, which always has a '.' or an exponent and reads back exactly. */
    public JsonWriter value(double d) {
        return Double.isFinite(d) ? raw(Double.toString(d)) : value(Double.toString(d));
    }

    public JsonWriter value(float f) {
        return Float.isFinite(f) ? raw(Float.toString(f)) : value(Float.toString(f));
    }

    /** A value that is JSON already (e.g. a payload from {@link JsonPayloadCodec}), written as it is. */
    public JsonWriter json(String literal) {
        return raw(literal);
    }

    private JsonWriter raw(String literal) {
        comma();
        out.append(literal);
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
