package org.edgewise.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.USAGE_CHARGE;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.edgewise.EdgewiseApplication;
import org.edgewise.Fixtures;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.pricing.PriceLists;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Eight threads on two Masters sharing one database prepare the same period at once: every candidate is
 * made once, every usage row priced once, each subscription's recurring time charged once without a gap,
 * and the threads' counts add up to what was made. The second Master charges in batches of three on two
 * threads of its own. The Masters' clocks are the real time here (the second
 * Master has no test clock), so the services are destroyed before the run: their charges end with them.
 */
class ConcurrentChargesTest extends SubscriptionScenarios {

    private static final int CUSTOMERS = 4;
    private static final int SERVICES_PER_CUSTOMER = 8;
    private static final int THREADS = 8;

    private static ConfigurableApplicationContext secondMaster;

    @Autowired
    DataSource dataSource;

    @AfterAll
    static void stopSecondMaster() {
        if (secondMaster != null) {
            secondMaster.close();
            secondMaster = null;
        }
    }

    private Charges secondMastersCharges() throws SQLException {
        HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--edgewise.allocation.sweep.enabled=false",
                // batches of three shared by two threads, beside this Master's single batches
                "--edgewise.billing.charge-batch=3", "--edgewise.billing.charge-threads=2"));
        if (database.getPassword() != null) {
            arguments.add("--spring.datasource.password=" + database.getPassword());
        }
        SecurityContextHolderStrategy thisMasters = SecurityContextHolder.getContextHolderStrategy();
        secondMaster = new SpringApplicationBuilder(EdgewiseApplication.class).run(arguments.toArray(String[]::new));
        SecurityContextHolder.setContextHolderStrategy(thisMasters);
        return secondMaster.getBean(Charges.class);
    }

    @Test
    void eightThreadsOnTwoMastersMakeEachCandidateOnce() throws Exception {
        Charges second = secondMastersCharges();
        // time to write the lists on a busy machine, since a list is activated only from a moment still to come
        Instant listsFrom = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(15);
        List<Long> customers = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            long customer = customer();
            Product product = product();
            activeList(customer, listsFrom, List.of(price(product, PriceLists.MONTH, "30.00"),
                    price(product, PriceLists.CPU_HOUR, "0.05")));
            customers.add(customer);
            products.add(product);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !clock.instant().isBefore(listsFrom));
        List<InstanceInfo> services = new ArrayList<>();
        List<Long> usageRows = new ArrayList<>();
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int s = 0; s < SERVICES_PER_CUSTOMER; s++) {
                InstanceInfo root = service(customers.get(c), products.get(c));
                services.add(root);
                for (int u = 0; u < 3; u++) {
                    usageRows.add(usage(root, customers.get(c), "cpu_seconds", "1200", hourAgo, clock.instant()));
                }
            }
        }
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int s = 0; s < SERVICES_PER_CUSTOMER; s++) {
                trees.destroy(services.get(c * SERVICES_PER_CUSTOMER + s).tree(), Fixtures.customer(customers.get(c)));
            }
        }
        Proration.Span month = Proration.monthOf(clock.instant(), PARIS);
        long lastCandidate = db.select(DSL.coalesce(DSL.max(INVOICE_CANDIDATE.ID), 0L)).from(INVOICE_CANDIDATE)
                .fetchSingle().value1();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> made = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Charges charges = t % 2 == 0 ? this.charges : second;
            made.add(pool.submit(() -> {
                start.await();
                return charges.prepare(month.from(), month.to());
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : made) {
            total += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(db.fetchCount(INVOICE_CANDIDATE, INVOICE_CANDIDATE.ID.gt(lastCandidate)));
        assertThat(db.fetchCount(USAGE_CHARGE, USAGE_CHARGE.USAGE_RECORD_ID.in(usageRows))).isEqualTo(usageRows.size());
        for (InstanceInfo root : services) {
            Subscriptions.Row subscription = subscriptionOf(root);
            List<Subscriptions.Candidate> candidates = candidates(subscription);
            // three rows of 1,200 s are one hour of CPU: 0.05
            assertThat(candidates).filteredOn(c -> c.unit().equals("hour")).singleElement()
                    .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("0.05"));
            List<Subscriptions.Candidate> recurring = candidates.stream().filter(c -> c.unit().equals("month"))
                    .sorted(Comparator.comparing(Subscriptions.Candidate::periodStart)).toList();
            Instant covered = subscription.startedAt();
            for (Subscriptions.Candidate c : recurring) {
                assertThat(c.periodStart()).as("no gap and no overlap").isEqualTo(covered);
                covered = c.periodEnd();
            }
            assertThat(covered).isEqualTo(subscription.endedAt());
            assertThat(recurring.stream().map(Subscriptions.Candidate::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isLessThan(BigDecimal.ONE);
        }
        assertThat(second.prepare(month.from(), month.to()) + charges.prepare(month.from(), month.to())).isZero();
    }
}
