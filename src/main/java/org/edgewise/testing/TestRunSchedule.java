package org.edgewise.testing;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs {@link TestResults#runOnce} every {@code edgewise.testing.interval} on one Master of the cluster at a time.
 * It is on unless {@code edgewise.testing.enabled} is false, as in tests that call a pass themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "edgewise.testing.enabled", havingValue = "true", matchIfMissing = true)
class TestRunSchedule {

    @Bean
    RecurringTask<Void> testRunTask(TestResults results, @Value("${edgewise.testing.interval:PT5S}") Duration interval) {
        return Tasks.recurring("test-runs", FixedDelay.of(interval)).execute((instance, context) -> results.runOnce());
    }
}
