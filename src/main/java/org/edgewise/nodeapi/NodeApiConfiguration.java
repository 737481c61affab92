package org.edgewise.nodeapi;

import org.edgewise.security.SignInThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class NodeApiConfiguration {

    @Bean
    FilterRegistrationBean<NodeAuthFilter> nodeAuthentication(NodeDirectory directory, ContactRecorder contacts,
            @Value("${edgewise.node.poll-interval:PT30S}") java.time.Duration pollInterval, SignInThrottle throttle) {
        FilterRegistrationBean<NodeAuthFilter> bean = new FilterRegistrationBean<>(new NodeAuthFilter(directory, contacts,
                NodeApiController.pollSeconds(pollInterval), throttle));
        bean.addUrlPatterns(NodeApiController.BASE + "/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }
}
