package org.edgewise.mail;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs {@link OutboxSender#sendDue} every {@code edgewise.mail.interval} on one Master of the cluster at a time
 * (db-scheduler holds the job's row while it runs); the row locks of the sender keep each mail sent once even
 * when two passes meet.
 */
@Configuration(proxyBeanMethods = false)
class MailSchedule {

    @Bean
    RecurringTask<Void> mailTask(OutboxSender sender, @Value("${edgewise.mail.interval:PT2S}") Duration interval) {
        return Tasks.recurring("mail", FixedDelay.of(interval)).execute((instance, context) -> sender.sendDue());
    }
}
