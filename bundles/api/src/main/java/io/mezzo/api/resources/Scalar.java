package io.mezzo.api.resources;

import io.mezzo.api.v1.Protos.Value;

/**
 * A scalar quantity in fixed point: thousandths, as Mesos rounds every scalar to three decimals
 * so that sums and differences are exact ({@code 0.1 + 0.2 - 0.3 == 0}).
 */
public record Scalar(long thousandths) implements ResourceValue {
    private static final double MAX_VALUE = Long.MAX_VALUE / 1000.0;

    /** The fixed-point scalar nearest to {@code value}. */
    public static Scalar of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new InvalidResourceException("scalar value must be finite, got " + value);
        }
        if (value < 0) {
            throw new InvalidResourceException("scalar value must not be negative, got " + value);
        }
        if (value >= MAX_VALUE) {
            throw new InvalidResourceException("scalar value too large: " + value);
        }
        return new Scalar(Math.round(value * 1000));
    }

    /** The value as a double, e.g. for a protobuf {@code Value.Scalar}. */
    public double value() {
        return thousandths / 1000.0;
    }

    @Override
    public Value.Type type() {
        return Value.Type.SCALAR;
    }

    @Override
    public Scalar plus(ResourceValue other) {
        return new Scalar(Math.addExact(thousandths, ((Scalar) other).thousandths));
    }

    @Override
    public Scalar minus(ResourceValue other) {
        return new Scalar(Math.max(0, thousandths - ((Scalar) other).thousandths));
    }

    @Override
    public boolean contains(ResourceValue other) {
        return thousandths >= ((Scalar) other).thousandths;
    }

    @Override
    public boolean isEmpty() {
        return thousandths <= 0;
    }

    /** Mesos' text form: up to three decimals, no trailing zeros ({@code 4}, {@code 0.5}). */
    @Override
    public String toString() {
        long whole = thousandths / 1000;
        long fraction = Math.abs(thousandths % 1000);
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String decimals = String.format("%03d", fraction).replaceAll("0+$", "");
        return (thousandths < 0 && whole == 0 ? "-" : "") + whole + "." + decimals;
    }
}
