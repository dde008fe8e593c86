/** The demo behind the README's first command: concurrent clients, a live progress line, a report. */
@NullMarked
package io.shardkit.examples.demo;

import org.jspecify.annotations.NullMarked;
