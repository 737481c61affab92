package org.edgewise.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class StrictJsonFactoryTest {

    private final ObjectMapper json = new ObjectMapper(new StrictJsonFactory());

    @Test
    void aNulCharacterIsRefusedWithThePathOfItsField() {
        assertThatThrownBy(() -> json.readValue("{\"parameters\":{\"list\":[\"ok\",\"a\\u0000b\"]}}", Map.class))
                .isInstanceOf(InvalidJsonValueException.class)
                .hasMessageContaining("parameters.list[1]: the text contains a NUL character");
        assertThatThrownBy(() -> json.readValue("{\"a\\u0000\":1}", Map.class))
                .hasMessageContaining("the name contains a NUL character");
    }

    @Test
    void halfASurrogatePairIsRefusedAndAWholeOneKept() throws Exception {
        assertThatThrownBy(() -> json.readValue("{\"title\":\"x\\ud800\"}", Map.class))
                .hasMessageContaining("title: the text contains half of a UTF-16 surrogate pair");
        assertThatThrownBy(() -> json.readValue("{\"title\":\"\\udc00x\"}", Map.class))
                .isInstanceOf(InvalidJsonValueException.class);
        assertThat(json.readValue("{\"title\":\"\\ud83d\\ude00\"}", Map.class)).containsEntry("title", "\uD83D\uDE00");
    }

    @Test
    void aNumberThatDoesNotFitADoubleIsRefusedInsteadOfBecomingInfinityOrZero() throws Exception {
        assertThatThrownBy(() -> json.readValue("{\"a\":1e999999}", Map.class))
                .hasMessageContaining("a: the number 1e999999 is out of range");
        assertThatThrownBy(() -> json.readValue("{\"a\":[1e-999999]}", Map.class))
                .hasMessageContaining("a[0]: the number 1e-999999 is out of range");
        assertThat(json.readValue("{\"a\":0.0,\"b\":1.5e300}", Map.class)).containsEntry("a", 0.0).containsEntry("b", 1.5e300);
    }

    @Test
    void aCopiedMapperKeepsTheChecks() {
        assertThatThrownBy(() -> json.copy().readerFor(Map.class).readValue("{\"a\":\"\\u0000\"}".getBytes()))
                .isInstanceOf(InvalidJsonValueException.class);
    }
}
