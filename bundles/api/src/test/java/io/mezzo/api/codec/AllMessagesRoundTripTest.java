package io.mezzo.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.mezzo.api.agent.AgentProtos;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type of every Mezzo proto file, filled generically with awkward values (escapes,
 * non-ASCII, all-ones uint64, negative ints, repeated fields), survives both encodings.
 */
class AllMessagesRoundTripTest {
    private static final int FULL_DEPTH = 3;

    static Stream<Descriptor> allMessageTypes() {
        List<Descriptor> all = new ArrayList<>();
        for (FileDescriptor file : List.of(io.mezzo.api.v1.Protos.getDescriptor(),
                io.mezzo.api.v1.scheduler.Protos.getDescriptor(), io.mezzo.api.v1.master.Protos.getDescriptor(),
                AgentProtos.getDescriptor())) {
            file.getMessageTypes().forEach(type -> collect(type, all));
        }
        return all.stream();
    }

    @Test
    void coversEveryMessageType() {
        assertThat(allMessageTypes().count()).isGreaterThan(80);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allMessageTypes")
    void roundTripsInBothEncodings(Descriptor type) throws Exception {
        Message message = fill(prototype(type).newBuilderForType(), 0).build();

        assertThat(ContentType.PROTOBUF.decode(ContentType.PROTOBUF.encode(message), prototype(type)))
                .isEqualTo(message);
        // JSON also writes unset defaulted fields, which read back as set: stout does the same.
        Message back = JsonCodec.fromJson(JsonCodec.toJson(message), prototype(type));
        assertThat(back).isEqualTo(withDefaultsSet(message.toBuilder()).build());
        assertThat(JsonCodec.toJson(back)).isEqualTo(JsonCodec.toJson(message));
    }

    private static void collect(Descriptor type, List<Descriptor> all) {
        if (type.getOptions().getMapEntry()) {
            return;
        }
        all.add(type);
        type.getNestedTypes().forEach(nested -> collect(nested, all));
    }

    /** The generated default instance: outer class + nested names, from the descriptor. */
    private static Message prototype(Descriptor type) throws ReflectiveOperationException {
        FileDescriptor file = type.getFile();
        String name = type.getFullName().substring(file.getPackage().length() + 1).replace('.', '$');
        String className = file.getOptions().getJavaPackage() + "." + file.getOptions().getJavaOuterClassname() + "$" + name;
        return (Message) Class.forName(className).getMethod("getDefaultInstance").invoke(null);
    }

    private static Message.Builder fill(Message.Builder builder, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (depth >= FULL_DEPTH && !field.isRequired()) {
                continue; // leave deep optional fields unset, which also exercises defaults
            }
            if (field.isRepeated()) {
                for (int i = 0; i < 2; i++) {
                    builder.addRepeatedField(field, value(builder, field, depth, i));
                }
            } else {
                builder.setField(field, value(builder, field, depth, 0));
            }
        }
        return builder;
    }

    private static Object value(Message.Builder builder, FieldDescriptor field, int depth, int index) {
        int n = field.getNumber() + index;
        switch (field.getJavaType()) {
            case STRING: return "v" + n + " \"é\\\n\t🚀/";
            case BYTE_STRING: return ByteString.copyFrom(new byte[] {0, (byte) 0xff, (byte) n, '"'});
            case INT: return field.getType().name().startsWith("UINT") || field.getType().name().startsWith("FIXED")
                    ? -1 : -n;
            case LONG: return field.getType().name().startsWith("UINT") || field.getType().name().startsWith("FIXED")
                    ? -1L : Long.MIN_VALUE + n;
            case DOUBLE: return n / 10.0 + 1470820172.0;
            case FLOAT: return n / 4.0f;
            case BOOLEAN: return index == 0;
            case ENUM:
                var values = field.getEnumType().getValues();
                return values.get((values.size() - 1 - index + values.size()) % values.size());
            default: return fill(builder.newBuilderForField(field), depth + 1).build();
        }
    }

    /** What stout's JSON makes of a message: unset non-deprecated defaulted fields become set. */
    private static Message.Builder withDefaultsSet(Message.Builder builder) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (field.isRepeated()) {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    for (int i = 0; i < builder.getRepeatedFieldCount(field); i++) {
                        Message element = (Message) builder.getRepeatedField(field, i);
                        builder.setRepeatedField(field, i, withDefaultsSet(element.toBuilder()).build());
                    }
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (builder.hasField(field)) {
                    builder.setField(field, withDefaultsSet(((Message) builder.getField(field)).toBuilder()).build());
                }
            } else if (!builder.hasField(field) && field.hasDefaultValue() && !field.getOptions().getDeprecated()) {
                builder.setField(field, field.getDefaultValue());
            }
        }
        return builder;
    }
}
