package io.cxmeter.gateway.identity;

import java.util.LinkedHashSet;
import java.util.Set;

import io.cxmeter.internalauth.InternalCaller;

/**
 * The tenant roles, each including the ones below it: {@code admin} ⊃ {@code write} ⊃ {@code read}.
 * {@code platform-admin} is apart: it manages tenants and reads no tenant's data.
 */
public final class Roles {

    public static final String READ = InternalCaller.ROLE_READ;
    public static final String WRITE = InternalCaller.ROLE_WRITE;
    public static final String ADMIN = InternalCaller.ROLE_ADMIN;
    public static final String PLATFORM_ADMIN = "platform-admin";

    public static final Set<String> TENANT_ROLES = Set.of(READ, WRITE, ADMIN);

    private Roles() {
    }

    /** The tenant roles among {@code granted}, with the roles each implies. Others are dropped. */
    public static Set<String> expand(Set<String> granted) {
        Set<String> roles = new LinkedHashSet<>();
        if (granted.contains(ADMIN)) {
            roles.add(ADMIN);
        }
        if (granted.contains(ADMIN) || granted.contains(WRITE)) {
            roles.add(WRITE);
        }
        if (!roles.isEmpty() || granted.contains(READ)) {
            roles.add(READ);
        }
        return Set.copyOf(roles);
    }

    /** Reading is enough for safe methods; anything that may change data needs write. */
    public static String neededFor(String httpMethod) {
        return switch (httpMethod) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }
}
