package io.pdshield.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Kafka record (de)serialization of the job: keys are UTF-8 strings, values bytes. */
final class KafkaRecords {
    private KafkaRecords() {
    }

    /** {@code [topic-partition@offset, value]}; records without a value (tombstones) are skipped. */
    static final class Labelled implements KafkaRecordDeserializationSchema<Tuple2<String, byte[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<Tuple2<String, byte[]>> out) {
            if (r.value() == null) return;
            out.collect(Tuple2.of(r.topic() + "-" + r.partition() + "@" + r.offset(), r.value()));
        }

        @Override
        public TypeInformation<Tuple2<String, byte[]>> getProducedType() {
            return Types.TUPLE(Types.STRING, org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        }
    }

    /** Writes {@code [key, value]} to one topic (partitioned by key: upserts of a key stay in order). */
    static final class ToTopic implements KafkaRecordSerializationSchema<Tuple2<String, byte[]>> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        ToTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Tuple2<String, byte[]> e, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, e.f0.getBytes(StandardCharsets.UTF_8), e.f1);
        }
    }
}
