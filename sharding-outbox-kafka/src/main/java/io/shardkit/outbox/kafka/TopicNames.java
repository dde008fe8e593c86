package io.shardkit.outbox.kafka;

import io.shardkit.ShardingConfigurationException;
import java.util.Objects;

/** Kafka's rule for topic names: 1 to 249 of ASCII letters, digits, '.', '_' and '-'. Stateless, thread-safe. */
final class TopicNames {

    static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    static boolean isLegal(String topic) {
        if (topic.isEmpty() || topic.length() > MAX_LENGTH || topic.equals(".") || topic.equals("..")) {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            if (!isLegalChar(topic.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String check(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!isLegal(topic)) {
            throw new ShardingConfigurationException("Kafka topic [" + topic + "] is not a legal topic name; "
                    + "expected 1 to " + MAX_LENGTH + " ASCII letters, digits, '.', '_' or '-'");
        }
        return topic;
    }

    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        for (int i = 0; i < prefix.length(); i++) {
            if (!isLegalChar(prefix.charAt(i))) {
                throw new ShardingConfigurationException("Kafka topic prefix [" + prefix + "] has a character a "
                        + "topic name may not hold; expected ASCII letters, digits, '.', '_' or '-'");
            }
        }
        return prefix;
    }

    private static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }
}
