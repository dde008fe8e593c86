/** The HTTP API of the order service; every error is an RFC 9457 problem document. */
@NullMarked
package io.shardkit.examples.web;

import org.jspecify.annotations.NullMarked;
