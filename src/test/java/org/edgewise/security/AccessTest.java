package org.edgewise.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.computer.Computers;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.party.Organisations;
import org.edgewise.party.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.vaadin.flow.server.auth.AccessAnnotationChecker;

class AccessTest extends MasterTest {

    @Autowired
    Organisations organisations;

    @Autowired
    Computers computers;

    @Autowired
    Users users;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    org.edgewise.document.DocumentEngine engine;

    @LocalServerPort
    int port;

    @Test
    void aCustomerIsDeniedTheComputerServiceEvenWhenCallingItDirectly() {
        long org = organisations.create(new Organisations.Details(unique("Acme"), null, null, null), admin()).id();
        signIn(customerOf(org));

        assertThatThrownBy(() -> computers.page(PageRequest.all(), customerOf(org)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> computers.create(new Computers.Details("sneaky", null, null, 1, null), customerOf(org)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aCustomerSeesItsOwnOrganisationAndNotAnotherOne() {
        var ours = organisations.create(new Organisations.Details(unique("Ours"), null, null, null), admin());
        var theirs = organisations.create(new Organisations.Details(unique("Theirs"), null, null, null), admin());

        assertThat(organisations.get(ours.reference(), customerOf(ours.id())).name()).isEqualTo(ours.title());
        assertThatThrownBy(() -> organisations.get(theirs.reference(), customerOf(ours.id())))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(organisations.page(PageRequest.all(), customerOf(ours.id())))
                .extracting(Organisations.Row::reference).containsExactly(ours.reference());
    }

    @Test
    void customersReachTheirViewsButNotStaffViewsByTheAccessAnnotations() {
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        java.util.function.Function<String, Boolean> customerHasRole = role -> role.equals(Role.CUSTOMER_NAME);
        java.security.Principal principal = () -> "carl";

        for (Class<?> staffView : new Class<?>[] { org.edgewise.computer.ComputerListView.class,
                org.edgewise.computer.ComputerView.class, org.edgewise.party.UserListView.class,
                org.edgewise.party.UserView.class, org.edgewise.party.OrganisationListView.class,
                org.edgewise.party.PersonListView.class, org.edgewise.catalog.ProductListView.class,
                org.edgewise.catalog.ProductView.class, org.edgewise.catalog.ReleaseListView.class,
                org.edgewise.catalog.ReleaseView.class }) {
            assertThat(checker.hasAccess(staffView, principal, customerHasRole)).as(staffView.getSimpleName()).isFalse();
        }
        for (Class<?> customerView : new Class<?>[] { org.edgewise.ui.HomeView.class,
                org.edgewise.instance.ServiceListView.class, org.edgewise.instance.ServiceView.class,
                org.edgewise.instance.InstanceView.class, org.edgewise.party.AccountView.class }) {
            assertThat(checker.hasAccess(customerView, principal, customerHasRole)).as(customerView.getSimpleName())
                    .isTrue();
        }
    }

    @Test
    void passwordsAreStoredHashedAndDisabledUsersCannotSignIn() {
        var org = organisations.create(new Organisations.Details(unique("Hashco"), null, null, null), admin());
        String username = "hash-" + org.id();
        var user = users.create(new Users.NewUser(username, "Hash User", "correct horse battery",
                EnumSet.of(Role.CUSTOMER), org.id()), admin());

        SignedInUser stored = accounts.loadUserByUsername(username);
        assertThat(stored.getPassword()).startsWith("{bcrypt}").doesNotContain("correct horse");
        assertThat(passwords.matches("correct horse battery", stored.getPassword())).isTrue();
        assertThat(stored.isEnabled()).isTrue();
        assertThat(stored.organisationId()).isEqualTo(org.id());

        engine.apply(user.id(), "disable", admin(), "left the company");
        assertThat(accounts.loadUserByUsername(username).isEnabled()).isFalse();
    }

    @Test
    void theFirstStartCreatedTheAdministratorWithTheConfiguredPassword() {
        SignedInUser admin = accounts.loadUserByUsername("admin");
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(passwords.matches("admin-password-for-tests", admin.getPassword())).isTrue();
    }

    @Test
    void healthAndMetricsAreServedWithoutSigningIn() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var health = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"");
        var metrics = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("hikaricp_connections");
    }

    @Test
    void consolePagesNeedASignedInUser() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/computers")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
