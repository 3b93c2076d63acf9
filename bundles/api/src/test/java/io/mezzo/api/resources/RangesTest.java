package io.mezzo.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RangesTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "[1-3]|[4-5]|[1-5]",                       // adjacent ranges merge
        "[1-3]|[5-6]|[1-3, 5-6]",                  // a gap keeps them apart
        "[1-5]|[3-8]|[1-8]",                       // overlap
        "[10-20]|[1-2, 30-40]|[1-2, 10-20, 30-40]",
        "[1-10]|[2-3]|[1-10]",                     // inside
        "[]|[7-7]|[7-7]",
        "[0-0]|[9223372036854775806-9223372036854775807]|[0-0, 9223372036854775806-9223372036854775807]",
    })
    void plusIsUnion(String a, String b, String sum) {
        assertThat(ranges(a).plus(ranges(b))).hasToString(sum);
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "[1-10]|[4-6]|[1-3, 7-10]",                // splits a range in two
        "[1-10]|[1-1]|[2-10]",
        "[1-10]|[10-10]|[1-9]",
        "[1-10]|[0-20]|[]",                        // subtracting beyond removes it all
        "[1-10]|[5-20]|[1-4]",                     // beyond one end
        "[1-10]|[11-20]|[1-10]",                   // disjoint: nothing to take
        "[1-3, 5-7, 9-11]|[2-10]|[1-1, 11-11]",    // one hole across several ranges
        "[1-10, 20-30]|[2-2, 4-4, 25-40]|[1-1, 3-3, 5-10, 20-24]",
        "[0-9223372036854775807]|[5-5]|[0-4, 6-9223372036854775807]",
    })
    void minusRemovesExactlyTheIntersection(String a, String b, String rest) {
        assertThat(ranges(a).minus(ranges(b))).hasToString(rest);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "[31000-32000]|[31000-31000]|true",
        "[31000-32000]|[31000-32000]|true",
        "[31000-32000]|[30999-31000]|false",
        "[1-3, 5-7]|[3-5]|false",                  // 4 is missing
        "[1-3, 4-7]|[3-5]|true",                   // adjacent ranges count as one
        "[1-3]|[]|true",
    })
    void containsMeansEveryValue(String a, String b, boolean expected) {
        assertThat(ranges(a).contains(ranges(b))).isEqualTo(expected);
    }

    @Test
    void rejectsBeginAfterEndAndOverlapsWithinOneResource() {
        assertThatThrownBy(() -> new Range(5, 4)).hasMessage("range begin is greater than end: [5-4]");
        assertThatThrownBy(() -> Ranges.ofDisjoint(java.util.List.of(new Range(1, 5), new Range(5, 6))))
                .hasMessage("overlapping ranges 1-5 and 5-6");
        assertThat(Ranges.ofDisjoint(java.util.List.of(new Range(1, 5), new Range(6, 6)))).hasToString("[1-6]");
    }

    @Test
    void countsValues() {
        assertThat(ranges("[31000-32000, 1-2]").size()).isEqualTo(1003);
    }

    private static Ranges ranges(String text) {
        return text.equals("[]") ? Ranges.none() : (Ranges) Resources.parse("r:" + text).asMap().values().iterator().next();
    }
}
