package org.edgewise.dunning;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs {@link DunningRun#runOnce} every {@code edgewise.dunning.interval} on one Master of the cluster:
 * db-scheduler picks each execution from its table with a row lock, so two Masters never run a pass at the
 * same moment (and if they did, each step would still be taken once). Off when
 * {@code edgewise.dunning.enabled} is false, as in the Master's own tests, which run passes themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "edgewise.dunning.enabled", havingValue = "true", matchIfMissing = true)
class DunningSchedule {

    @Bean
    RecurringTask<Void> dunningTask(DunningRun run, DunningSettings settings) {
        return Tasks.recurring("dunning", FixedDelay.of(settings.interval()))
                .execute((instance, context) -> run.runOnce());
    }
}
