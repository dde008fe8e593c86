/** Test fixtures shared by the modules' tests (published in sharding-core's test-jar). */
@NullMarked
package io.shardkit.testing;

import org.jspecify.annotations.NullMarked;
