package io.mezzo.master.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mezzo.api.v1.Protos.MasterInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The v0 JSON writer: valid JSON a real parser reads back, whether built whole or streamed. */
class JsonTextTest {

    @Test
    void aStreamedDocumentIsTheSameJsonAsAWholeOneAndReadsBack() throws IOException {
        AtomicInteger made = new AtomicInteger();
        // as StateDocument's lists: each element is made when the writer reads it
        List<Object> lazyTasks = new AbstractList<>() {
            @Override
            public Object get(int index) {
                made.incrementAndGet();
                return Map.of("id", "task-" + index, "state", "TASK_RUNNING");
            }

            @Override
            public int size() {
                return 3;
            }
        };
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        document.put("cpus", 2.0);
        document.put("mem", 0.1);
        document.put("nan", Double.NaN);
        document.put("count", 7);
        document.put("active", true);
        document.put("nothing", null);
        document.put("leader_info", MasterInfo.newBuilder().setId("m1").setIp(1).setPort(5050).build());
        document.put("tasks", lazyTasks);

        StringWriter streamed = new StringWriter();
        JsonText.write(document, streamed);
        String whole = JsonText.write(document);

        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(made).hasValue(6);
        JsonObject read = JsonParser.parseString(whole).getAsJsonObject();
        assertThat(read.get("name").getAsString()).isEqualTo(document.get("name"));
        assertThat(read.get("cpus").getAsString()).isEqualTo("2");
        assertThat(read.get("mem").getAsDouble()).isEqualTo(0.1);
        assertThat(read.get("nan").isJsonNull()).isTrue();
        assertThat(read.get("leader_info").getAsJsonObject().get("port").getAsInt()).isEqualTo(5050);
        assertThat(read.getAsJsonArray("tasks")).extracting(JsonElement::getAsJsonObject)
                .extracting(t -> t.get("id").getAsString()).containsExactly("task-0", "task-1", "task-2");
    }
}
