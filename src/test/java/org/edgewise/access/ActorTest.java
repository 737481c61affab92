package org.edgewise.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Who may act as whom: the teams that permissions name, and what an actor sees. */
class ActorTest {

    private static final RoleGroup[] STAFF_TEAMS = { RoleGroup.STAFF, RoleGroup.OPERATIONS, RoleGroup.SALES_TEAM,
            RoleGroup.FINANCE, RoleGroup.SUPPORT_TEAM, RoleGroup.ADMINISTRATORS };

    private static Actor holding(Role... roles) {
        return new Actor("someone", EnumSet.of(roles[0], roles), null);
    }

    @Test
    void anAdministratorIsInEveryStaffTeamButActsForNoCustomerNorNode() {
        Actor admin = holding(Role.ADMIN);

        for (RoleGroup team : STAFF_TEAMS) {
            assertThat(admin.in(team)).as(team.name()).isTrue();
        }
        assertThat(admin.in(RoleGroup.CUSTOMERS, RoleGroup.NODES)).isFalse();
        assertThat(admin.isStaff()).isTrue();
    }

    @Test
    void aMemberOfOneTeamIsInThatTeamOnly() {
        Actor operator = holding(Role.OPERATOR);
        Actor billing = holding(Role.BILLING);

        assertThat(operator.in(RoleGroup.OPERATIONS)).isTrue();
        assertThat(operator.in(RoleGroup.FINANCE, RoleGroup.SALES_TEAM, RoleGroup.ADMINISTRATORS)).isFalse();
        assertThat(billing.in(RoleGroup.FINANCE)).isTrue();
        assertThat(billing.in(RoleGroup.SALES_TEAM, RoleGroup.OPERATIONS)).isFalse();
        assertThat(holding(Role.SUPPORT, Role.SALES).in(RoleGroup.SALES_TEAM)).as("any of its roles").isTrue();
    }

    @Test
    void theSystemIsInEveryGroupAndSeesEveryOwner() {
        Actor system = Actor.system();

        for (RoleGroup group : STAFF_TEAMS) {
            assertThat(system.in(group)).isTrue();
        }
        assertThat(system.in(RoleGroup.CUSTOMERS)).isTrue();
        assertThat(system.in(RoleGroup.NODES)).isTrue();
        assertThat(system.isStaff()).isTrue();
        assertThat(system.seesEveryOwner()).isTrue();
    }

    @Test
    void aNodeIsNoStaffYetSeesEveryOwnerWhileACustomerSeesOnlyItsOwn() {
        Actor node = Actor.node("COMP-7");
        Actor customer = new Actor("carl", EnumSet.of(Role.CUSTOMER), 41L);

        assertThat(node.name()).isEqualTo("COMP-7");
        assertThat(node.in(RoleGroup.NODES)).isTrue();
        assertThat(node.isStaff()).isFalse();
        assertThat(node.seesEveryOwner()).isTrue();
        assertThat(customer.in(RoleGroup.CUSTOMERS)).isTrue();
        assertThat(customer.isStaff()).isFalse();
        assertThat(customer.seesEveryOwner()).isFalse();
        assertThat(customer.organisationId()).isEqualTo(41L);
    }

    @Test
    void rolesAreStoredAsTheirNamesAndReadBack() {
        Set<Role> roles = EnumSet.of(Role.OPERATOR, Role.ADMIN, Role.CUSTOMER);

        assertThat(Role.format(roles)).isEqualTo("CUSTOMER,OPERATOR,ADMIN");
        assertThat(Role.parse(Role.format(roles))).isEqualTo(roles);
        assertThat(Role.parse(" SALES , BILLING")).containsExactlyInAnyOrder(Role.SALES, Role.BILLING);
        assertThat(Role.parse(null)).isEmpty();
        assertThat(Role.parse(" ")).isEmpty();
        assertThatThrownBy(() -> Role.parse("OPERATOR,ROOT")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Role.userRoles()).doesNotContain(Role.NODE, Role.SYSTEM);
    }

    @Test
    void aTeamsUnionHoldsTheRolesOfEach() {
        assertThat(RoleGroup.union(RoleGroup.OPERATIONS, RoleGroup.SUPPORT_TEAM))
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.SUPPORT, Role.ADMIN);
    }
}
