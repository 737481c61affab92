package org.edgewise.web;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import java.util.List;

/**
 * JSON as the APIs read it: nothing is silently changed into something else. A 1.5 is not an integer
 * 1, a number is not text, text is not a number or a yes, a list holds no null element, a value never
 * holds a NUL, half a surrogate pair or an infinite number ({@link StrictJsonFactory}); a refusal is
 * answered with the field it concerns ({@link ApiErrors}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /**
     * The application's mapper, from Spring Boot's builder and so with the customizer below. Without it
     * the only mapper would be the one Vaadin's Hilla declares for its own endpoints, which Spring Boot's
     * would then give way to, and the APIs would read JSON with Hilla's settings.
     */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /**
     * JasperReports reads its report files with Jackson's XML module, and Spring would then speak XML on
     * every API too, with a mapper built by the strict JSON customizer below (which it cannot be). The APIs
     * speak JSON only: this converter stands in for Spring Boot's and is taken out of the list again.
     */
    @Bean
    MappingJackson2XmlHttpMessageConverter xmlConverterNotUsed() {
        return new MappingJackson2XmlHttpMessageConverter(new XmlMapper());
    }

    @Bean
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(MappingJackson2XmlHttpMessageConverter.class::isInstance);
            }
        };
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .factory(new StrictJsonFactory())
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .featuresToEnable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> {
                    mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
                    for (CoercionInputShape scalar : new CoercionInputShape[] { CoercionInputShape.Integer,
                            CoercionInputShape.Float, CoercionInputShape.Boolean }) {
                        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
                    }
                    for (LogicalType number : new LogicalType[] { LogicalType.Integer, LogicalType.Float,
                            LogicalType.Boolean }) {
                        mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                        mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer,
                            CoercionAction.Fail);
                });
    }
}
