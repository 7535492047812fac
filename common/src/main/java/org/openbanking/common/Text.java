package org.openbanking.common;

import java.text.Normalizer;

/**
 * Free text that callers send and users read (descriptions, names, nicknames, offer texts). It must be well-formed
 * Unicode, since a lone surrogate cannot be stored as UTF-8 and would silently become "?"; free of control characters
 * (NUL in particular, which PostgreSQL refuses), line breaks aside where a field allows them; free of invisible and
 * direction-changing format characters (category Cf, e.g. U+202E RIGHT-TO-LEFT OVERRIDE), with which a partner could
 * make the consent's wording read otherwise than it is stored; and in NFC, so that what is shown is what is compared.
 */
public final class Text {

    private Text() {
    }

    /** Whether {@code text} is plain: see the class; {@code \n} is allowed only where {@code newlines} says so. */
    public static boolean isPlain(String text, boolean newlines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (Character.getType(text.codePointAt(i)) == Character.FORMAT) {
                    return false;
                }
                i++;
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && !(newlines && c == '\n'))
                    || Character.getType(c) == Character.FORMAT) {
                return false;
            }
        }
        return Normalizer.isNormalized(text, Normalizer.Form.NFC);
    }
}
