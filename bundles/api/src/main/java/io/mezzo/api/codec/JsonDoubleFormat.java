package io.mezzo.api.codec;

import java.math.BigDecimal;

/**
 * Formats doubles the way Mesos' JSON writer (rapidjson) does, so our output matches the real
 * master's byte for byte: shortest round-trip digits, {@code 15.0} rather than {@code 15},
 * plain notation up to 21 integer digits ({@code 1470820172.32565}, not {@code 1.47E9}),
 * {@code 1e-7} style exponents, and bare {@code Infinity}/{@code NaN} tokens (rapidjson is built
 * with kWriteNanAndInfFlag in stout).
 */
final class JsonDoubleFormat {
    private static final int MAX_PLAIN_DIGITS = 21;

    private JsonDoubleFormat() {}

    static void append(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (value == 0) {
            out.append(1 / value < 0 ? "-0.0" : "0.0");
            return;
        }
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        if (value < 1e15 && value == Math.rint(value)) {
            out.append((long) value).append(".0"); // the common case: 15.0, 4096.0
            return;
        }
        // Double.toString yields the shortest digits that round-trip; BigDecimal splits them into
        // digits and a power of ten without any further rounding.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = -decimal.scale(); // value = digits * 10^exponent
        int pointPosition = digits.length() + exponent; // digits before the decimal point
        if (exponent >= 0 && pointPosition <= MAX_PLAIN_DIGITS) {
            out.append(digits);
            appendZeros(out, exponent);
            out.append(".0");
        } else if (pointPosition > 0 && pointPosition <= MAX_PLAIN_DIGITS) {
            out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
        } else if (pointPosition > -6 && pointPosition <= 0) {
            out.append("0.");
            appendZeros(out, -pointPosition);
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(pointPosition - 1);
        }
    }

    private static void appendZeros(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('0');
        }
    }
}
