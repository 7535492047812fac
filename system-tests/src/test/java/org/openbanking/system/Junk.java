package org.openbanking.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** What an attacker or a broken client sends: the generators of the bad-input properties. */
final class Junk {

    /** The shape every id of the platform has; the generated bad ids never have it. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._~:@-]{1,255}");
    static final Object NULL = new Json.Raw("null");

    static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE consent; --", "1; SELECT pg_sleep(10) --",
            "\" OR \"\"=\"", "%' UNION SELECT id, user_id FROM consent --", "$1",
            "' || (SELECT user_id FROM consent LIMIT 1) || '",
            "admin'--", "1' AND SLEEP(5)#", "\\'; COPY consent TO '/tmp/x'; --");
    static final List<String> SCRIPT = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)", "{{7*7}}", "${7*7}", "#{7*7}", "<!--#exec cmd=\"id\"-->", "../../../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd", "${jndi:ldap://127.0.0.1/a}", "<svg onload=alert(1)>",
            "';alert(String.fromCharCode(88))//");
    /** Text that is not text: NUL, lone surrogates, control and formatting characters, noncharacters. */
    static final List<String> BROKEN_TEXT = List.of("\u0000", "a\u0000b", lone(0xd800), lone(0xdfff), "x" + lone(0xd83d),
            lone(0xd83d) + "x" + lone(0xde00),
            "\u001b[31mred", "\u0007", lone(0x85), "\u0008\u0008\u0008", "\r", "a\u007fb",
            // Invisible or direction-changing format characters (Cf) and text not in NFC: refused (contract: Text).
            "\u202eevil\u202c", "\u200b\u200c\u200d", "e\u0301\u0301\u0301", "\ufeffBOM",
            "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67");
    /** Text that is valid but hard: emoji, right-to-left script, stacked combining marks (NFC), astral planes. */
    static final List<String> HARD_TEXT = List.of("\ud83d\ude00", "\u0645\u0631\u062d\u0628\u0627",
            "\u4f60\u597d", "\ud835\udd4f", "\uffef", lone(0x2028) + lone(0x2029),
            java.text.Normalizer.normalize("Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f",
                    java.text.Normalizer.Form.NFC));
    static final List<String> BAD_DATES = List.of("", " ", "tomorrow", "now", "2030-01-01", "2030-01-01T00:00:00",
            "2030-02-30T00:00:00Z", "2030-13-01T00:00:00Z", "2030-01-01T25:00:00Z", "2030-01-01T00:00:00+25:00",
            "2030-01-01 00:00:00Z", "01/02/2030", "1893456000", "2030-W01-1T00:00:00Z", "P1D", "2030-01-01T00:00:00ZZ",
            "2030-01-01T00:00:00.1234567890Z", "\u0662\u0660\u0663\u0660-01-01T00:00:00Z", "2030-01-01T00:00:00\u0000Z");
    /** Dates that ISO 8601 allows but the contract's four-digit years (0001 to 9999) do not, nor any database column. */
    static final List<String> EXTREME_DATES = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+294277-01-01T00:00:00Z", "-4714-11-23T00:00:00Z", "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z");

    private Junk() {
    }

    /** One UTF-16 unit: lone surrogates and line separators written so, not as escapes some Java tools cannot parse. */
    static String lone(int surrogate) {
        return String.valueOf((char) surrogate);
    }

    static Arbitrary<Object> anyText() {
        return weighted(3, Arbitraries.strings().all().ofMaxLength(40), 2, Arbitraries.of(SQL), 2, Arbitraries.of(SCRIPT),
                2, Arbitraries.of(BROKEN_TEXT), 1, Arbitraries.of(HARD_TEXT), 1, huge());
    }

    /** Long strings, now and then above the 64 KiB body limit. */
    static Arbitrary<String> huge() {
        return Junk.<Integer>weighted(4, Arbitraries.integers().between(257, 5_000), 1,
                Arbitraries.integers().between(60_000, 70_000)).map(n -> "\u00e9x".repeat(n / 2));
    }

    /** One of the arbitraries, each as often as its weight says: weight, arbitrary, weight, arbitrary… */
    @SuppressWarnings("unchecked")
    static <T> Arbitrary<T> weighted(Object... weightsAndArbitraries) {
        List<Arbitrary<? extends T>> expanded = new ArrayList<>();
        for (int i = 0; i < weightsAndArbitraries.length; i += 2) {
            for (int w = 0; w < (Integer) weightsAndArbitraries[i]; w++) {
                expanded.add((Arbitrary<? extends T>) weightsAndArbitraries[i + 1]);
            }
        }
        return Arbitraries.oneOf(expanded);
    }

    /** A value of the wrong type for any field (never a string). */
    static Arbitrary<Object> wrongType() {
        return Arbitraries.<Object>of(NULL, 0, -1, 1.5, true, false, List.of(), Map.of(), List.of("x"), Map.of("x", 1),
                new Json.Raw("1e400"), new Json.Raw("-0"), new Json.Raw("123456789012345678901234567890"),
                new Json.Raw("9223372036854775808"), new Json.Raw("-2147483649"));
    }

    /** Never a date, nor null (which an optional date may be). */
    static Arbitrary<Object> badDate() {
        return Arbitraries.<Object>oneOf(Arbitraries.of(BAD_DATES), Arbitraries.of(EXTREME_DATES),
                Arbitraries.strings().all().ofMaxLength(30), wrongType().filter(v -> v != NULL));
    }

    /** A date that may be valid, far off, or not a date: for query strings. */
    static Arbitrary<String> anyDate() {
        return Arbitraries.oneOf(Arbitraries.of(BAD_DATES), Arbitraries.of(EXTREME_DATES),
                Combinators.combine(Arbitraries.longs().between(-10L * 365 * 86400, 10L * 365 * 86400),
                        Arbitraries.of("Z", "+00:00", "+05:30", "-11:00", "+14:00"))
                        .as((seconds, offset) -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now()
                                .plusSeconds(seconds).atOffset(ZoneOffset.of(offset.equals("Z") ? "+00:00" : offset)))),
                // OBIE's query forms: a date alone, a date-time without a zone.
                Arbitraries.longs().between(-10L * 365 * 86400, 10L * 365 * 86400).map(seconds -> Instant.now()
                        .plusSeconds(seconds).atOffset(ZoneOffset.UTC).toLocalDate().toString()),
                Arbitraries.longs().between(-10L * 365 * 86400, 10L * 365 * 86400).map(seconds -> Instant.now()
                        .plusSeconds(seconds).atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0).toString()),
                Arbitraries.strings().ascii().ofMaxLength(30));
    }

    /** Never the shape of an id: a character ids do not have, or too long. */
    static Arbitrary<String> badId() {
        return Arbitraries.oneOf(Arbitraries.of(SQL), Arbitraries.of(SCRIPT), Arbitraries.of(BROKEN_TEXT),
                Arbitraries.of(HARD_TEXT), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30),
                Arbitraries.integers().between(256, 1_200).map("a"::repeat), // over 4 KiB is the edge's 414
                Arbitraries.of("a b", "a,b", "a/b", "a\\b", "a?b", "a#b", "a%b", "a%2Fb", "a;b", "a+b", "\u00fc",
                        "aac-1%00", "*", "{ConsentId}", "a\tb", "\u00a0"))
                .filter(s -> !ID.matcher(s).matches());
    }

    /** Query values of any meaning, short enough for a request line (over 4 KiB is the edge's 414). */
    static Arbitrary<String> queryValue() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), Arbitraries.of(SQL), Arbitraries.of(SCRIPT),
                Arbitraries.of(BROKEN_TEXT), Arbitraries.of("", " ", "null", "0", "-1"),
                Arbitraries.integers().between(41, 600).map("q"::repeat));
    }

    /** Header values that HTTP allows (visible ASCII and spaces), of any meaning. */
    static Arbitrary<String> headerValue() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
                Arbitraries.of(SQL), Arbitraries.of("", " ", "null", "undefined", "0", "-1", "\t"),
                Arbitraries.integers().between(41, 4_000).map("k"::repeat));
    }

    /**
     * A valid body with one to three fields replaced by what the rules refuse (the value generators of
     * {@code invalid}), and now and then unknown fields (which are allowed) of any name and value.
     */
    static Arbitrary<Map<String, Object>> mutated(Map<String, Object> valid, Map<String, Arbitrary<Object>> invalid) {
        List<Arbitrary<Map.Entry<String, Object>>> changes = new ArrayList<>();
        invalid.forEach((path, values) -> changes.add(values.map(v -> Map.entry(path, v))));
        Arbitrary<List<Map.Entry<String, Object>>> some = Arbitraries.oneOf(changes).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Map<String, Object>> noise = Combinators.combine(Arbitraries.strings().all().ofMaxLength(12), anyText())
                .as((k, v) -> {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put(k.isEmpty() ? "Extra" : k, v);
                    return extra;
                }).injectNull(0.7);
        return Combinators.combine(some, noise).as((list, extra) -> {
            Map<String, Object> body = valid;
            for (Map.Entry<String, Object> change : list) {
                body = Json.with(body, change.getKey(), change.getValue());
            }
            if (extra != null) {
                body = new LinkedHashMap<>(body);
                body.putAll(extra);
            }
            return body;
        });
    }

    /** A body as bytes with its media type, and what it is, for the report of a failure. */
    record Body(String what, byte[] bytes, String contentType) {

        static Body json(String what, String text) {
            return new Body(what, text.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return what + " [" + contentType + "] " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    /**
     * Broken JSON made from {@code base} (a body the rules refuse even if the breakage happened to leave valid JSON):
     * truncated, with garbage, duplicate keys, comments, single quotes, NaN, deep nesting, overlong numbers, invalid
     * UTF-8 and other encodings, the wrong media type, nothing at all.
     */
    static Arbitrary<Body> brokenJson(Map<String, Object> base) {
        String text = Json.write(base);
        String firstKey = base.keySet().iterator().next();
        List<Arbitrary<Body>> kinds = List.of(
                Arbitraries.integers().between(0, text.length() - 1).map(n -> Body.json("truncated", text.substring(0, n))),
                Combinators.combine(Arbitraries.integers().between(0, text.length()), Arbitraries.of("{", "}", "[", "]", ":",
                        ",", "\"", "'", "\\", "x", "\u0000"))
                        .as((at, c) -> Body.json("garbage inside", text.substring(0, at) + c + text.substring(at))),
                Arbitraries.of(" x", "}", "]", ",", text, "\u0000").map(t -> Body.json("trailing garbage", text + t)),
                Arbitraries.just(Body.json("duplicate key", "{\"" + firstKey + "\":null," + text.substring(1))),
                Arbitraries.just(Body.json("single quotes", text.replace('"', '\''))),
                Arbitraries.just(Body.json("comment", "/* c */" + text)),
                Arbitraries.of("NaN", "Infinity", "-Infinity", "undefined", "0x10", "01", "+1", ".5", "1.", "\"\\u12\"",
                        "\"\\x41\"", "\"\t\"").map(v -> Body.json("not a JSON value", "{\"" + firstKey + "\":" + v + "}")),
                Arbitraries.integers().between(1_001, 30_000)
                        .map(n -> Body.json("deep nesting", "[".repeat(n) + "]".repeat(n))),
                Arbitraries.integers().between(1_001, 5_000)
                        .map(n -> Body.json("deep objects", "{\"a\":".repeat(n) + "1" + "}".repeat(n))),
                Arbitraries.integers().between(1_001, 20_000)
                        .map(n -> Body.json("a number of " + n + " digits", "{\"" + firstKey + "\":1" + "0".repeat(n) + "}")),
                Arbitraries.of(new byte[]{(byte) 0xc3, 0x28}, new byte[]{(byte) 0xff}, new byte[]{(byte) 0xc0, (byte) 0xaf},
                        new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[]{(byte) 0xf8, (byte) 0x88, (byte) 0x80,
                                (byte) 0x80, (byte) 0x80},
                        new byte[]{0}).map(bytes -> utf8Broken(text, bytes)),
                Arbitraries.of("UTF-16", "UTF-16LE", "UTF-32")
                        .map(cs -> new Body("encoded as " + cs, text.getBytes(java.nio.charset.Charset.forName(cs)),
                                "application/json")),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(2_000)
                        .map(bytes -> new Body("random bytes", bytes, "application/json")),
                Arbitraries.of("", "null", "true", "1", "\"x\"", "[]", "[{}]", "{}{}", " ")
                        .map(t -> Body.json("not an object: '" + t + "'", t)),
                Arbitraries.integers().between(65_537, 90_000)
                        .map(n -> Body.json("over 64 KiB", "{\"" + firstKey + "\":\"" + "x".repeat(n) + "\"}")),
                Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "application/octet-stream", "text/json",
                        "application/json; charset=utf-16", "application/json; charset=nope", "application/*", "*/*", "json",
                        "application/json\u0000")
                        .map(type -> new Body("media type " + type, text.getBytes(StandardCharsets.UTF_8), type)));
        return Arbitraries.oneOf(kinds);
    }

    private static Body utf8Broken(String text, byte[] bytes) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = Math.max(1, text.indexOf('"', 2)); // inside the first key
        byte[] out = new byte[utf8.length + bytes.length];
        System.arraycopy(utf8, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(utf8, at, out, at + bytes.length, utf8.length - at);
        return new Body("invalid UTF-8 " + java.util.HexFormat.of().formatHex(bytes), out, "application/json");
    }
}
