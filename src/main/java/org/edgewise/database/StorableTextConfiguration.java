package org.edgewise.database;

import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every statement jOOQ runs is checked by {@link StorableText} before it is sent. */
@Configuration(proxyBeanMethods = false)
class StorableTextConfiguration {

    @Bean
    ExecuteListenerProvider storableText() {
        return new DefaultExecuteListenerProvider(new StorableText());
    }
}
