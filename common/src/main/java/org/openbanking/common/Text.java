package org.openbanking.common;

/**
 * Free text that callers send (descriptions, names, nicknames): it must be well-formed Unicode, since a lone surrogate
 * cannot be stored as UTF-8 and would silently become "?", and free of control characters (NUL in particular, which
 * PostgreSQL refuses), line breaks aside where a field allows them.
 */
public final class Text {

    private Text() {
    }

    /** Whether {@code text} is well-formed and has no control character other than, if allowed, {@code \n}. */
    public static boolean isPlain(String text, boolean newlines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && !(newlines && c == '\n'))) {
                return false;
            }
        }
        return true;
    }
}
