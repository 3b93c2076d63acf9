package io.mezzo.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.api.v1.Protos.Resource;
import io.mezzo.api.v1.Protos.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {

    @Test
    void fixedPointMakesDecimalArithmeticExact() {
        Resources sum = Resources.parse("cpus:0.1").plus(Resources.parse("cpus:0.2"));

        assertThat(sum.minus(Resources.parse("cpus:0.3")).isEmpty()).isTrue();
        assertThat(sum).isEqualTo(Resources.parse("cpus:0.3"));
        assertThat(sum.scalarSum("cpus").thousandths()).isEqualTo(300);
    }

    @Test
    void scalarsRoundToThreeDecimalsAsMesos() {
        assertThat(Scalar.of(0.0004).thousandths()).isZero();
        assertThat(Scalar.of(0.0005).thousandths()).isEqualTo(1);
        assertThat(Scalar.of(1.23456)).hasToString("1.235");
        assertThat(Resources.parse("cpus:0.0001").isEmpty()).isTrue(); // rounds to nothing
    }

    @Test
    void parsesAndPrintsMesosTextForm() {
        Resources resources = Resources.parse("cpus:4;mem:4096;ports:[31000-32000];disk(role1):100;zones:{a,b}");

        assertThat(resources.scalarSum("cpus").value()).isEqualTo(4.0);
        assertThat(resources.scalarSum("mem").value()).isEqualTo(4096.0);
        assertThat(resources.rangesOf("ports").ranges()).containsExactly(new Range(31000, 32000));
        assertThat(resources.reservedTo("role1").scalarSum("disk").value()).isEqualTo(100.0);
        assertThat(resources.unreserved().names()).containsExactly("cpus", "mem", "ports", "zones");
        assertThat(resources.itemsOf("zones").items()).containsExactly("a", "b");
        assertThat(resources).hasToString("cpus:4;mem:4096;ports:[31000-32000];disk(role1):100;zones:{a, b}");
        assertThat(Resources.parse(resources.toString())).isEqualTo(resources);
    }

    @Test
    void parsesWithSpacesFractionsAndDefaultRole() {
        Resources resources = Resources.parse(" cpus : 0.5 ; ports:[1-2, 4-5] ; mem(*):10", "web");

        assertThat(resources).hasToString("cpus(web):0.5;ports(web):[1-2, 4-5];mem:10");
    }

    @Test
    void rolesDoNotMix() {
        Resources offered = Resources.parse("cpus:2;cpus(web):1");

        assertThat(offered.scalarSum("cpus").value()).isEqualTo(3.0);
        assertThat(offered.contains(Resources.parse("cpus:2"))).isTrue();
        assertThat(offered.contains(Resources.parse("cpus:3"))).isFalse(); // 1 of them is web's
        assertThat(offered.contains(Resources.parse("cpus(web):1"))).isTrue();
        assertThat(offered.contains(Resources.parse("cpus(db):1"))).isFalse();
        assertThat(offered.allocatableTo("db")).isEqualTo(Resources.parse("cpus:2"));
        assertThat(offered.minus(Resources.parse("cpus(web):1"))).isEqualTo(Resources.parse("cpus:2"));
    }

    @Test
    void minusNeverGoesNegative() {
        Resources rest = Resources.parse("cpus:1;mem:100").minus(Resources.parse("cpus:2;mem:40;gpus:1"));

        assertThat(rest).isEqualTo(Resources.parse("mem:60"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cpus:-1|Invalid resource 'cpus:-1': scalar value must not be negative, got -1.0",
        "cpus:NaN|Invalid resource 'cpus:NaN': scalar value must be finite, got NaN",
        "cpus:Infinity|Invalid resource 'cpus:Infinity': scalar value must be finite, got Infinity",
        "cpus:abc|Invalid resource 'cpus:abc': 'abc' is not a number, [ranges] or {set}",
        "cpus|Invalid resource 'cpus': expected name:value",
        ":4|Invalid resource ':4': resource name must not be empty",
        "cpus():4|Invalid resource 'cpus():4': expected name(role)",
        "ports:[1-5,5-9]|Invalid resource 'ports:[1-5,5-9]': overlapping ranges 1-5 and 5-9",
        "ports:[9-5]|Invalid resource 'ports:[9-5]': range begin is greater than end: [9-5]",
        "ports:[1-2|Invalid resource 'ports:[1-2': mismatched brackets in '[1-2'",
        "ports:[x-2]|Invalid resource 'ports:[x-2]': 'x' is not a range bound",
        "zones:{a,a}|Invalid resource 'zones:{a,a}': duplicate item 'a'",
        "cpus:1;cpus:[1-2]|resource 'cpus' is both SCALAR and RANGES",
    })
    void rejectsInvalidTextWithAClearReason(String text, String reason) {
        assertThatThrownBy(() -> Resources.parse(text))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage(reason);
    }

    @Test
    void convertsToAndFromProtos() {
        Resources resources = Resources.parse("cpus:1.5;ports:[31000-31005, 31010-31020];disk(role1):100;zones:{a,b}");

        List<Resource> protos = resources.toProtos();

        assertThat(protos).hasSize(4);
        assertThat(protos.get(0)).isEqualTo(Resource.newBuilder().setName("cpus").setRole("*")
                .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(1.5)).build());
        assertThat(protos.get(2).getRole()).isEqualTo("role1");
        assertThat(Resources.fromProtos(protos)).isEqualTo(resources);
    }

    @Test
    void readsRoleFromRefinedReservationsOrDeprecatedRole() {
        Resource refined = Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(10))
                .addReservations(Resource.ReservationInfo.newBuilder().setRole("eng"))
                .addReservations(Resource.ReservationInfo.newBuilder().setRole("eng/web")).build();
        Resource legacy = refined.toBuilder().clearReservations().setRole("db").build();
        Resource unreserved = refined.toBuilder().clearReservations().build();

        assertThat(Resources.fromProtos(List.of(refined, legacy, unreserved)))
                .isEqualTo(Resources.parse("disk(eng/web):10;disk(db):10;disk:10"));
    }

    @Test
    void validatesProtosAsMesos() {
        Resource.Builder cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR);

        assertThat(Resources.validate(List.of(cpus.setScalar(Value.Scalar.newBuilder().setValue(-2)).build())))
                .contains("Invalid resource 'cpus': scalar value must not be negative, got -2.0");
        assertThat(Resources.validate(List.of(cpus.clearScalar().build())))
                .contains("Invalid resource 'cpus': type SCALAR but no scalar value");
        assertThat(Resources.validate(List.of(cpus.setType(Value.Type.TEXT).build())))
                .contains("Invalid resource 'cpus': unsupported type TEXT");
        assertThat(Resources.validate(List.of(Resource.newBuilder().setName("").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(1)).build())))
                .contains("Invalid resource '<unnamed>': resource name must not be empty");
        Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder()
                        .addRange(Value.Range.newBuilder().setBegin(1).setEnd(10))
                        .addRange(Value.Range.newBuilder().setBegin(5).setEnd(20))).build();
        assertThat(Resources.validate(List.of(ports)))
                .contains("Invalid resource 'ports': overlapping ranges 1-10 and 5-20");
        assertThat(Resources.validate(List.of(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(1).setEnd(-1)))
                .build()))).hasValueSatisfying(r -> assertThat(r).contains("range bounds"));
        assertThat(Resources.validate(Resources.parse("cpus:1;mem:10").toProtos())).isEmpty();
    }
}
