package org.edgewise.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UsersTest extends MasterTest {

    @Autowired
    Users users;

    @Autowired
    Organisations organisations;

    @Autowired
    org.edgewise.document.DocumentEngine engine;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService accounts;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    @Test
    void aCustomerUserNeedsAnOrganisationAndNoStaffRole() {
        assertThatThrownBy(() -> users.create(new Users.NewUser("lonely", "Lonely", "long enough pw",
                EnumSet.of(Role.CUSTOMER), null), admin()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("organisationId"))
                .hasMessageContaining("needs the organisation");
        long org = organisations.create(new Organisations.Details(unique("Mixed"), null, null, null), admin()).id();
        assertThatThrownBy(() -> users.create(new Users.NewUser("mixed", "Mixed", "long enough pw",
                EnumSet.of(Role.CUSTOMER, Role.OPERATOR), org), admin()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("roles"))
                .hasMessageContaining("holds no staff role");
    }

    @Test
    void badUserNamesShortPasswordsAndDuplicatesAreRefusedAndNothingIsStored() {
        int before = users.count(PageRequest.all(), admin());
        assertThatThrownBy(() -> users.create(new Users.NewUser("Bad Name!", "X", "long enough pw",
                EnumSet.of(Role.SUPPORT), null), admin())).hasMessageContaining("user name");
        assertThatThrownBy(() -> users.create(new Users.NewUser("shorty", "X", "short",
                EnumSet.of(Role.SUPPORT), null), admin())).hasMessageContaining("at least 10 characters");
        users.create(new Users.NewUser("twin", "Twin", "long enough pw", EnumSet.of(Role.SUPPORT), null), admin());
        assertThatThrownBy(() -> users.create(new Users.NewUser("TWIN", "Twin again", "long enough pw",
                EnumSet.of(Role.SUPPORT), null), admin())).hasMessageContaining("already taken");

        assertThat(users.count(PageRequest.all(), admin())).isEqualTo(before + 1);
    }

    @Test
    void onlyAnAdministratorCreatesUsers() {
        assertThatThrownBy(() -> users.create(new Users.NewUser("by-operator", "X", "long enough pw",
                EnumSet.of(Role.SUPPORT), null), operator()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void changingRolesIsOnTheTimeline() {
        var user = users.create(new Users.NewUser("grows-" + System.nanoTime() % 100000, "Grows", "long enough pw",
                EnumSet.of(Role.SUPPORT), null), admin());

        users.update(user.id(), new Users.Details("Grows", EnumSet.of(Role.SUPPORT, Role.BILLING), null), admin());

        Users.Row row = users.get(user.reference(), admin());
        assertThat(row.roles()).containsExactlyInAnyOrder(Role.SUPPORT, Role.BILLING);
        var timeline = engine.timeline(engine.get(user.id(), admin()), admin());
        assertThat(timeline.get(timeline.size() - 1).changes())
                .containsExactly(new org.edgewise.document.FieldChange("roles", "SUPPORT", "BILLING,SUPPORT"));
    }

    @Test
    void aUserChangesTheirOwnPasswordButNotAnotherOne() {
        long org = organisations.create(new Organisations.Details(unique("Selfish"), null, null, null), admin()).id();
        String name = "self-" + System.nanoTime() % 100000;
        var self = users.create(new Users.NewUser(name, "Self", "long enough pw", EnumSet.of(Role.CUSTOMER), org),
                admin());
        var other = users.create(new Users.NewUser("other-" + System.nanoTime() % 100000, "Other", "long enough pw",
                EnumSet.of(Role.CUSTOMER), org), admin());
        var actor = new org.edgewise.access.Actor(name, EnumSet.of(Role.CUSTOMER), org);

        users.changePassword(self.id(), "a new long password", actor);

        assertThat(passwords.matches("a new long password", accounts.loadUserByUsername(name).getPassword())).isTrue();
        var timeline = engine.timeline(engine.get(self.id(), admin()), admin());
        assertThat(timeline.get(timeline.size() - 1).changes())
                .containsExactly(new org.edgewise.document.FieldChange("password", null, "(changed)"));
        assertThatThrownBy(() -> users.changePassword(other.id(), "a new long password", actor))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
