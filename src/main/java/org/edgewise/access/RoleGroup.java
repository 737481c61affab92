package org.edgewise.access;

import static org.edgewise.access.Role.ADMIN;
import static org.edgewise.access.Role.BILLING;
import static org.edgewise.access.Role.CUSTOMER;
import static org.edgewise.access.Role.NODE;
import static org.edgewise.access.Role.OPERATOR;
import static org.edgewise.access.Role.SALES;
import static org.edgewise.access.Role.SUPPORT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The teams that permissions name: a workflow says "operations may open a computer", not "an operator
 * or an administrator may". An administrator belongs to every staff team, so that someone can always
 * step in.
 *
 * @param name  how the team is called in messages
 * @param roles the roles that make a user a member
 */
public record RoleGroup(String name, Set<Role> roles) {

    /** Customers, acting for their own organisation. */
    public static final RoleGroup CUSTOMERS = new RoleGroup("customers", CUSTOMER);
    /** Everyone who works for the provider: sees every customer's documents. */
    public static final RoleGroup STAFF = new RoleGroup("staff", SALES, BILLING, SUPPORT, OPERATOR, ADMIN);
    /** Those who run the infrastructure: computers, releases, installations. */
    public static final RoleGroup OPERATIONS = new RoleGroup("operations", OPERATOR, ADMIN);
    /** Those who sell: customers, their people, products. */
    public static final RoleGroup SALES_TEAM = new RoleGroup("sales", SALES, ADMIN);
    /** Those who invoice and collect: sales and billing. */
    public static final RoleGroup FINANCE = new RoleGroup("finance", SALES, BILLING, ADMIN);
    /** Those who answer customers' requests for help. */
    public static final RoleGroup SUPPORT_TEAM = new RoleGroup("support", SUPPORT, ADMIN);
    /** Those who manage users and settings. */
    public static final RoleGroup ADMINISTRATORS = new RoleGroup("administrators", ADMIN);
    /** Node clients, each acting with its computer's credential. */
    public static final RoleGroup NODES = new RoleGroup("nodes", NODE);

    public RoleGroup {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    private RoleGroup(String name, Role... roles) {
        this(name, EnumSet.copyOf(Arrays.asList(roles)));
    }

    public boolean includes(Actor actor) {
        return actor.roles().stream().anyMatch(roles::contains);
    }

    /** The union of several groups, as one permission names them. */
    public static Set<Role> union(RoleGroup... groups) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        for (RoleGroup group : groups) {
            all.addAll(group.roles());
        }
        return all;
    }
}
