package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.spring.web.ShardingProblemDetails;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The problem-details advice ({@link ShardingProblemDetails}) of a Spring MVC application, when
 * {@code shardkit.problem-details.enabled=true}. Backs off when the application declares its own
 * {@code ShardingProblemDetails} bean.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ProblemDetail.class, DispatcherServlet.class})
@ConditionalOnBooleanProperty(name = ProblemDetailsProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(ProblemDetailsProperties.class)
public final class ShardkitProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ShardingProblemDetails shardingProblemDetails(ProblemDetailsProperties properties) {
        Duration retryAfter = properties.getRetryAfter();
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new ShardingConfigurationException(ProblemDetailsProperties.PREFIX + ".retry-after",
                    "must be a positive duration but was " + retryAfter, null);
        }
        return new ShardingProblemDetails(retryAfter);
    }
}
