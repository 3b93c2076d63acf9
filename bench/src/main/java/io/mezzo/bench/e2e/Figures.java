package io.mezzo.bench.e2e;

import java.util.Arrays;
import java.util.List;

/** Median and spread of a few runs, as the harnesses print them. */
record Figures(double median, double min, double max, int runs) {

    static Figures of(List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return new Figures(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new Figures(median, s[0], s[s.length - 1], s.length);
    }

    String format(String unit) {
        return String.format("median %.1f %s (min %.1f, max %.1f, %d runs)", median, unit, min, max, runs);
    }

    /** As {@link #format} with two decimals, for seconds. */
    String format2(String unit) {
        return String.format("median %.2f %s (min %.2f, max %.2f, %d runs)", median, unit, min, max, runs);
    }

    static String list(List<Double> samples) {
        return Arrays.toString(samples.stream().mapToLong(Math::round).toArray());
    }
}
