/** Annotations any AOP runtime can honour; shardkit's Spring starter does. */
@NullMarked
package io.shardkit.annotation;

import org.jspecify.annotations.NullMarked;
