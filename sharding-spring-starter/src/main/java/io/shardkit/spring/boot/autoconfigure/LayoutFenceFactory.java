package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.layout.LayoutFence;
import io.shardkit.layout.LayoutFenceBuilder;

/**
 * Builds the {@link LayoutFence} of {@code shardkit.layout.*}, one setting at a time so that a refused value names
 * its property.
 *
 * <p>Stateless and thread-safe.
 */
final class LayoutFenceFactory {

    static final ConfigPath PATH = ConfigPath.SHARDKIT.child("layout");

    private LayoutFenceFactory() {
    }

    static LayoutFence create(ShardkitProperties.Layout layout) {
        LayoutFenceBuilder b = LayoutFence.custom().createTable(layout.isCreateTable());
        PATH.child("name").at(() -> b.layoutName(layout.getName()));
        PATH.child("table").at(() -> b.tableName(layout.getTable()));
        layout.getAcceptedChanges().forEach((rule, hash) -> PATH.child("accepted-changes").key(rule)
                .at(() -> b.acceptRuleChange(rule, hash)));
        return b.build();
    }
}
