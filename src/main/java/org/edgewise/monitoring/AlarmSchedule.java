package org.edgewise.monitoring;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs {@link Alarms#runOnce} every {@code edgewise.monitoring.alarm-interval} on one Master of the cluster at a
 * time (db-scheduler holds the job's row while it runs). It is on unless {@code edgewise.monitoring.alarms.enabled}
 * is false, as in tests that call a pass themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "edgewise.monitoring.alarms.enabled", havingValue = "true", matchIfMissing = true)
class AlarmSchedule {

    @Bean
    RecurringTask<Void> alarmTask(Alarms alarms, @Value("${edgewise.monitoring.alarm-interval:PT30S}") Duration interval) {
        return Tasks.recurring("alarms", FixedDelay.of(interval)).execute((instance, context) -> alarms.runOnce());
    }
}
