/** Implementation detail; not part of shardkit's API and subject to change without notice. */
@NullMarked
package io.shardkit.internal;

import org.jspecify.annotations.NullMarked;
