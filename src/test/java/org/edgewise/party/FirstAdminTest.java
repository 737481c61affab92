package org.edgewise.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.security.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FirstAdminTest extends MasterTest {

    @Autowired
    ApiTokens tokens;

    @Test
    void theConfiguredApiTokenActsAsTheFirstAdmin() {
        var user = tokens.authenticate(ADMIN_API_TOKEN).orElseThrow();
        assertThat(user.getUsername()).isEqualTo("admin");
        assertThat(user.roles()).contains(Role.ADMIN);
    }

    @Test
    void aGivenApiTokenMustBeLongAndOfTheTokenAlphabet() {
        assertThatThrownBy(() -> ApiTokens.requireWellFormed("ew-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiTokens.requireWellFormed("xx-0123456789012345678901234567890123456789"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiTokens.requireWellFormed("ew-0123456789 0123456789012345678901234567890"))
                .isInstanceOf(IllegalArgumentException.class);
        ApiTokens.requireWellFormed("ew-0123456789012345678901234567890123456789");
    }
}
