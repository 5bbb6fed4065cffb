package io.cxmeter.problem;

/**
 * The rule for a text a change may leave out, such as a new name: absent, the stored text stays as it
 * is; present, it must hold a visible character (texts are stored stripped, so blanks would become an
 * empty name). For {@code @Pattern}: no inline flags, so every OpenAPI tool reads it, and linear time
 * whatever the input.
 */
public final class OptionalText {

    public static final String NOT_BLANK = "\\s*\\S[\\s\\S]*";
    public static final String NOT_BLANK_RULE = "must not be blank";

    private OptionalText() {
    }
}
