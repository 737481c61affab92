package org.edgewise.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What a person does with Edgewise; a user may hold several. */
public enum Role {
    CUSTOMER("Customer"),
    SALES("Sales"),
    BILLING("Billing"),
    SUPPORT("Support"),
    OPERATOR("Operator"),
    ADMIN("Administrator"),
    /** A node client acting with its computer's credential; never held by a user. */
    NODE("Node"),
    /** The Master itself doing automatic work (start-up, periodic jobs, effects); never held by a user. */
    SYSTEM("System");

    /** Names usable in {@code @RolesAllowed}. */
    public static final String CUSTOMER_NAME = "CUSTOMER";
    public static final String SALES_NAME = "SALES";
    public static final String BILLING_NAME = "BILLING";
    public static final String SUPPORT_NAME = "SUPPORT";
    public static final String OPERATOR_NAME = "OPERATOR";
    public static final String ADMIN_NAME = "ADMIN";
    public static final String NODE_NAME = "NODE";

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The roles a person can be given. */
    public static java.util.List<Role> userRoles() {
        return java.util.List.of(CUSTOMER, SALES, BILLING, SUPPORT, OPERATOR, ADMIN);
    }

    /** Parses the stored form, e.g. {@code "OPERATOR,ADMIN"}. */
    public static Set<Role> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(stored.split(","))
                .map(String::trim)
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public static String format(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }
}
