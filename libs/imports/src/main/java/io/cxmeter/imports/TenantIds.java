package io.cxmeter.imports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one rule for the ids tenants give their records (tickets, customers, agents, teams, responses,
 * reviews), the same on every create, update and import: 1 to 128 ASCII letters, digits and
 * {@code . _ - : @ + = ~}, starting with a letter or digit. Such an id is safe as a path segment (no
 * slash, no dot segment, nothing to escape) and in logs, and fits any helpdesk's ids, e-mail-like ones
 * included.
 */
public final class TenantIds {

    /** For {@code @Pattern}. */
    public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9._:@+=~-]{0,127}";
    public static final String RULE = "must be 1 to 128 ASCII letters, digits or . _ - : @ + = ~, starting with a letter or digit";

    private static final Pattern ID = Pattern.compile(REGEX);

    private TenantIds() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The id, or null with a problem naming the field when it is required and absent, or breaks the rule. */
    public static String check(String value, String field, boolean required, List<String> problems) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (!valid(value)) {
            problems.add(field + " " + RULE);
            return null;
        }
        return value;
    }
}
