package org.openbanking.accounts.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Amounts at the edge are strings: up to 13 digits, at most 2 decimals, never negative (direction is separate). */
public final class Money {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    private static final Pattern SIGNED_AMOUNT = Pattern.compile("-?\\d{1,13}(\\.\\d{1,2})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /** A non-negative amount, or null when the text is not one. */
    public static BigDecimal parse(String text) {
        return text != null && AMOUNT.matcher(text).matches() ? new BigDecimal(text).setScale(2) : null;
    }

    /** A balance, which may be negative (an overdraft). */
    public static BigDecimal parseSigned(String text) {
        return text != null && SIGNED_AMOUNT.matcher(text).matches() ? new BigDecimal(text).setScale(2) : null;
    }

    public static boolean isCurrency(String code) {
        return code != null && CURRENCY.matcher(code).matches();
    }

    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
