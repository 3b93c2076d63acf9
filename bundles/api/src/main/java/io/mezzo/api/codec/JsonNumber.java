package io.mezzo.api.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number as written, converted lazily to the type of the field it lands in. Integer
 * literals keep full 64-bit precision (a double would lose uint64 values above 2^53).
 */
final class JsonNumber {
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** "-9223372036854775808" and "18446744073709551615" both have 20 characters. */
    private static final int MAX_INTEGER_CHARS = 20;
    private static final double TWO_TO_THE_64 = 0x1p64;

    private final String text;
    private final boolean integral;

    private JsonNumber(String text, boolean integral) {
        this.text = text;
        this.integral = integral;
    }

    static JsonNumber parse(String text) {
        boolean integral = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '-' && (c < '0' || c > '9')) {
                integral = false;
                break;
            }
        }
        return new JsonNumber(text, integral);
    }

    /** True if {@code text} is a complete JSON number (used for numbers sent as strings). */
    static boolean isValid(String text) {
        return text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    String text() {
        return text;
    }

    double asDouble() {
        return Double.parseDouble(text);
    }

    /**
     * The value as an integer within [{@code min}, {@code max}], or null if it is out of range or
     * not finite. A fraction is truncated toward zero, as Mesos' C++ cast does.
     */
    BigInteger asInteger(BigInteger min, BigInteger max) {
        BigInteger value;
        if (integral) {
            if (text.length() > MAX_INTEGER_CHARS) {
                return null; // also spares BigInteger a quadratic parse of a megabyte of digits
            }
            value = text.length() <= 18 ? BigInteger.valueOf(Long.parseLong(text)) : new BigInteger(text);
        } else {
            double d = asDouble();
            if (Double.isNaN(d) || Math.abs(d) >= TWO_TO_THE_64) {
                return null;
            }
            value = new BigDecimal(d).toBigInteger();
        }
        return value.compareTo(min) < 0 || value.compareTo(max) > 0 ? null : value;
    }

    static BigInteger maxUint64() {
        return MAX_UINT64;
    }
}
