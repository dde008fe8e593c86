/** Spring Boot auto-configuration of shardkit from {@code shardkit.*} properties. */
@NullMarked
package io.shardkit.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
