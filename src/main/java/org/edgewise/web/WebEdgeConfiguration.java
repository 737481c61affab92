package org.edgewise.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** What every HTTP API of every feature gets without registering anything. */
@Configuration(proxyBeanMethods = false)
class WebEdgeConfiguration {

    @Bean
    FilterRegistrationBean<BodyLimitFilter> apiBodyLimit(@Value("${edgewise.api.max-body:256KB}") DataSize limit) {
        FilterRegistrationBean<BodyLimitFilter> bean = new FilterRegistrationBean<>(new BodyLimitFilter(limit.toBytes()));
        bean.addUrlPatterns("/api/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }
}
