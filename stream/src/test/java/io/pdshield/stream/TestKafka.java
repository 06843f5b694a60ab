package io.pdshield.stream;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A real Kafka broker in this JVM: one combined KRaft controller and broker from Kafka's own test
 * kit ({@code kafka.testkit.KafkaClusterTestKit}), on a free loopback port, with its logs in a
 * temporary directory; transactions work with one replica. No Docker, no ZooKeeper.
 */
final class TestKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    final String bootstrap;

    TestKafka() throws Exception {
        KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCoResident(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "2")
                .setConfigProp("log.flush.interval.messages", "1000000")
                .build();
        c.format();
        c.startup();
        c.waitForReadyBrokers();
        cluster = c;
        bootstrap = c.clientProperties().getProperty("bootstrap.servers");
    }

    /** Writes {@code [key, value]} records, all committed before it returns. */
    void produce(String topic, List<String[]> records) {
        List<byte[][]> b = new ArrayList<>();
        for (String[] r : records) {
            b.add(new byte[][] {r[0] == null ? null : r[0].getBytes(StandardCharsets.UTF_8), r[1].getBytes(StandardCharsets.UTF_8)});
        }
        produceBytes(topic, b);
    }

    /** Writes {@code [key, value]} records of bytes, all committed before it returns. */
    void produceBytes(String topic, List<byte[][]> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // not idempotent: the KRaft broker of the 3.4 test kit once rejected a first retried batch of producer id 0 forever
        // (OutOfOrderSequenceException); one request in flight keeps the order, a failed send fails the test
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] r : records) producer.send(new ProducerRecord<>(topic, r[0], r[1]));
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning with the given isolation level until {@code done}
     * accepts what was read, then for {@code settleMs} more (so late duplicates would show), or
     * until {@code timeoutMs}. Returns {@code [key, value]} records in partition order.
     */
    List<String[]> read(String topic, boolean committedOnly, Predicate<List<String[]>> done, long settleMs, long timeoutMs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            long end = System.currentTimeMillis() + timeoutMs;
            while (parts.isEmpty() && System.currentTimeMillis() < end) {
                List<PartitionInfo> info = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (info != null) for (PartitionInfo i : info) parts.add(new TopicPartition(topic, i.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long settleUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(end, settleUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new String[] {r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            new String(r.value(), StandardCharsets.UTF_8)});
                }
                if (settleUntil == Long.MAX_VALUE && done.test(out)) settleUntil = System.currentTimeMillis() + settleMs;
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
