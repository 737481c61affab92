package org.edgewise.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.edgewise.MasterTest;
import org.edgewise.SecondMaster;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Two Masters on one database, both with the mail server configured: their scheduled senders and passes
 * started by hand on both at the same moment deliver every queued mail exactly once.
 */
@ExtendWith(SecondMaster.class)
class TwoMastersMailTest extends MasterTest {

    private static final int MAILS = 40;
    private static final int PASSES_PER_MASTER = 3;

    @Autowired
    DataSource dataSource;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxSender sender;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void twoMastersDeliverEachMailOnce() throws Exception {
        OutboxSender second = secondMastersSender();
        String domain = OutboxTest.domain();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < MAILS; i++) {
                outbox.queue(new Outbox.Mail("user" + i + "@" + domain, "Mail " + i, "Text of mail " + i));
            }
        });

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * PASSES_PER_MASTER);
        List<Future<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < PASSES_PER_MASTER; i++) {
            for (OutboxSender master : List.of(sender, second)) {
                passes.add(pool.submit(() -> {
                    start.await();
                    return master.sendDue();
                }));
            }
        }
        start.countDown();
        int deliveredByHand = 0;
        for (Future<Integer> pass : passes) {
            deliveredByHand += pass.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(60)).until(() -> db.fetchCount(MAIL_OUTBOX,
                MAIL_OUTBOX.RECIPIENT.endsWith("@" + domain).and(MAIL_OUTBOX.SENT_AT.isNull())) == 0);

        // every mail is marked sent only once it reached the server, so the server has them all by now
        MimeMessage[] received = MAIL_SERVER.getReceivedMessagesForDomain(domain);
        assertThat(received).hasSize(MAILS);
        assertThat(Arrays.stream(received).map(TwoMastersMailTest::subject).distinct()).hasSize(MAILS);
        assertThat(deliveredByHand).isLessThanOrEqualTo(MAILS);
        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.endsWith("@" + domain)
                .and(MAIL_OUTBOX.ATTEMPTS.eq(1)))).isEqualTo(MAILS);
    }

    private OutboxSender secondMastersSender() throws Exception {
        return SecondMaster.bean(dataSource, OutboxSender.class);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
