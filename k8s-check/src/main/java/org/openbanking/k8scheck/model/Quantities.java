package org.openbanking.k8scheck.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 256Mi}, {@code 500m}, {@code 1}) as numbers. */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern
            .compile("^([+-]?[0-9]+(?:\\.[0-9]*)?|[+-]?\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private Quantities() {
    }

    public static boolean isValid(Object quantity) {
        return quantity instanceof Number || quantity instanceof String s && QUANTITY.matcher(s).matches();
    }

    /** The value in base units (bytes, cores), or null when it is no quantity. */
    public static BigDecimal parse(Object quantity) {
        if (quantity instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (!(quantity instanceof String s)) {
            return null;
        }
        Matcher m = QUANTITY.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return number;
        }
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }

    /** A JVM size option value ({@code 128m}, {@code 1g}, {@code 512k}) in bytes, or null. */
    public static Long jvmSize(String value) {
        Matcher m = Pattern.compile("^([0-9]+)([kKmMgG]?)$").matcher(value);
        if (!m.matches()) {
            return null;
        }
        long number = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> number << 10;
            case "m" -> number << 20;
            case "g" -> number << 30;
            default -> number;
        };
    }

    public static long mebibytes(BigDecimal bytes) {
        return bytes.divide(BigDecimal.valueOf(1L << 20), RoundingMode.HALF_UP).longValue();
    }
}
