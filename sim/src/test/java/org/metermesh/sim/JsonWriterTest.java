package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNumbersStringsAndEscapes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("meters", 1000);
        fields.put("formation_s", 312.5);
        fields.put("join_p95_s", Double.NaN);
        fields.put("note", "a \"quoted\"\nline");
        fields.put("reproducible", true);

        assertThat(JsonWriter.object(fields)).isEqualTo("""
                {
                  "meters": 1000,
                  "formation_s": 312.500,
                  "join_p95_s": null,
                  "note": "a \\"quoted\\"\\nline",
                  "reproducible": true
                }
                """);
    }
}
