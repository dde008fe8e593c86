/** Test fixtures shared by the starter's tests. */
@NullMarked
package io.shardkit.spring.testing;

import org.jspecify.annotations.NullMarked;
