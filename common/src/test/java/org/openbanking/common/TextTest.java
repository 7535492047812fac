package org.openbanking.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Chat Pay", "Café Crème", "Zürich – 5 % cashback", "Ünïcödé 😀", "日本語の説明"})
    void ordinaryTextIsPlain(String text) {
        assertTrue(Text.isPlain(text, false), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pay \u202Eyap", "zero\u200Bwidth", "joiner\u200Dhere", "bom\uFEFF", "mark\u200Eltr",
            "isolate\u2066x\u2069", "tag \uDB40\uDC01", "soft\u00ADhyphen"})
    void invisibleAndDirectionChangingFormatCharactersAreNot(String text) {
        assertFalse(Text.isPlain(text, true), text.codePoints().mapToObj(Integer::toHexString).toList().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "bell\u0007", "lone \uD800 surrogate", "Cafe\u0301"})
    void controlsLoneSurrogatesAndTextNotInNfcAreNot(String text) {
        assertFalse(Text.isPlain(text, true), text);
    }

    @org.junit.jupiter.api.Test
    void lineBreaksOnlyWhereAllowed() {
        assertTrue(Text.isPlain("two\nlines", true));
        assertFalse(Text.isPlain("two\nlines", false));
    }
}
