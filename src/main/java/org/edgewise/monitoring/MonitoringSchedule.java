package org.edgewise.monitoring;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Takes a monitoring sample every {@code edgewise.monitoring.samples.interval} on one Master of the cluster at a
 * time (db-scheduler holds the job's row while it runs).
 */
@Configuration(proxyBeanMethods = false)
class MonitoringSchedule {

    @Bean
    RecurringTask<Void> monitoringSamplesTask(MonitoringSamples samples,
            @Value("${edgewise.monitoring.samples.interval:PT1M}") Duration interval) {
        return Tasks.recurring("monitoring-samples", FixedDelay.of(interval))
                .execute((instance, context) -> samples.take());
    }
}
