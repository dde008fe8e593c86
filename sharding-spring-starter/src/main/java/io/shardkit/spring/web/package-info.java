/** shardkit's exceptions as RFC 9457 problem details in Spring MVC applications (opt-in). */
@NullMarked
package io.shardkit.spring.web;

import org.jspecify.annotations.NullMarked;
