package io.mezzo.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Algebraic laws checked on random bags (seeded per repetition, so a failure is reproducible
 * from the repetition number in the report).
 */
class ResourcesPropertiesTest {
    private static final String[] SCALARS = {"cpus", "mem", "disk"};
    private static final String[] ROLES = {"*", "*", "web", "db"};

    @RepeatedTest(300)
    void lawsHold(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        Resources a = randomResources(random);
        Resources b = randomResources(random);
        Resources c = randomResources(random);
        String seed = "a=" + a + " b=" + b + " c=" + c;

        assertThat(a.plus(b).plus(c)).as("associativity %s", seed).isEqualTo(a.plus(b.plus(c)));
        assertThat(a.plus(b)).as("commutativity %s", seed).isEqualTo(b.plus(a));
        assertThat(a.plus(Resources.empty())).as("identity %s", seed).isEqualTo(a);
        assertThat(a.minus(a).isEmpty()).as("a - a is empty %s", seed).isTrue();

        Resources sum = a.plus(b);
        assertThat(sum.contains(a) && sum.contains(b)).as("a + b contains both %s", seed).isTrue();
        assertThat(a.contains(a.minus(b))).as("a contains a - b %s", seed).isTrue();
        assertThat(a.minus(b).plus(b).contains(a)).as("(a - b) + b contains a %s", seed).isTrue();

        // Union is not invertible where ranges or sets overlap, so the inverse law is stated
        // for the part of b that a does not already hold; scalars always satisfy it.
        Resources fresh = b.minus(a);
        assertThat(a.plus(fresh).minus(fresh)).as("a + b - b == a %s", seed).isEqualTo(a);
        Resources scalarsOnly = scalars(b);
        assertThat(a.plus(scalarsOnly).minus(scalarsOnly)).as("a + s - s == a %s", seed).isEqualTo(a);
        assertThat(a.plus(b).minus(b).plus(b)).as("(a + b - b) + b == a + b %s", seed).isEqualTo(a.plus(b));

        assertThat(Resources.parse(a.toString())).as("text round trip %s", seed).isEqualTo(a);
        assertThat(Resources.fromProtos(a.toProtos())).as("proto round trip %s", seed).isEqualTo(a);
        if (a.contains(b)) {
            assertThat(a.minus(b).plus(b)).as("contains => a - b + b == a %s", seed).isEqualTo(a);
        }
    }

    private static Resources scalars(Resources resources) {
        Resources result = Resources.empty();
        for (var entry : resources.asMap().entrySet()) {
            if (entry.getValue() instanceof Scalar) {
                result = result.plus(Resources.of(entry.getKey(), entry.getValue()));
            }
        }
        return result;
    }

    private static Resources randomResources(Random random) {
        Resources result = Resources.empty();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String role = ROLES[random.nextInt(ROLES.length)];
            switch (random.nextInt(3)) {
                case 0:
                    // thousandths, up to 3 decimals, to exercise the fixed point
                    result = result.plus(Resources.of(new ResourceKey(SCALARS[random.nextInt(SCALARS.length)], role),
                            new Scalar(random.nextInt(5000))));
                    break;
                case 1:
                    List<Range> ranges = new ArrayList<>();
                    for (int r = random.nextInt(3); r >= 0; r--) {
                        long begin = random.nextInt(60);
                        ranges.add(new Range(begin, begin + random.nextInt(8)));
                    }
                    result = result.plus(Resources.of(new ResourceKey("ports", role), Ranges.of(ranges)));
                    break;
                default:
                    List<String> items = new ArrayList<>();
                    for (int s = random.nextInt(3); s >= 0; s--) {
                        items.add("z" + random.nextInt(6));
                    }
                    result = result.plus(Resources.of(new ResourceKey("zones", role), ItemSet.of(items)));
            }
        }
        return result;
    }
}
