package io.pdshield.analysis;

import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.UpdateSketch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source's sketches are fed from several detection threads in whatever order they finish; its
 * summary (estimates, the bank entry) must not depend on that order.
 */
class CanonicalSketchTest {
    @Test
    void sameIdentifiersInAnyOrderGiveTheSameSketch() {
        for (int distinct : new int[]{100, 4_000, 5_000, 9_000, 30_000}) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < distinct; i++) ids.add("fp-" + i);
            // repeats, as in a channel that re-posts its dossiers
            for (int i = 0; i < distinct / 3; i++) ids.add("fp-" + (i * 7 % distinct));
            byte[] first = null;
            double firstEstimate = 0;
            boolean rawDiffered = false;
            byte[] firstRaw = null;
            Random random = new Random(distinct);
            for (int order = 0; order < 8; order++) {
                Collections.shuffle(ids, random);
                UpdateSketch s = SourceProfile.sketch();
                ids.forEach(s::update);
                CompactSketch c = SourceProfile.canonical(s);
                byte[] raw = s.compact().toByteArray();
                if (first == null) {
                    first = c.toByteArray();
                    firstEstimate = c.getEstimate();
                    firstRaw = raw;
                } else {
                    assertArrayEquals(first, c.toByteArray(), distinct + " identifiers, order " + order);
                    assertEquals(firstEstimate, c.getEstimate(), 0.0);
                    rawDiffered |= !Arrays.equals(firstRaw, raw);
                }
            }
            double error = Math.abs(firstEstimate - distinct) / distinct;
            assertTrue(error < 0.05, distinct + " identifiers estimated as " + firstEstimate);
            if (distinct > 2 * (1 << SourceProfile.LG_K)) {
                // the plain compact form does depend on the order (what this guards against)
                assertTrue(rawDiffered, "the update order changed nothing for " + distinct + " identifiers");
            }
            if (distinct <= 1 << SourceProfile.LG_K) assertFalse(SourceProfile.sketch().isEstimationMode());
        }
    }

    /**
     * What a summary estimates from the query sketches (their sizes and their intersection) comes
     * from {@link SourceProfile#forEstimate}: the same numbers as from the canonical, ordered form,
     * whatever the update order, below and past the nominal entries.
     */
    @Test
    void estimatesWithoutSortingEqualTheCanonicalOnes() {
        org.apache.datasketches.theta.Intersection inter = org.apache.datasketches.theta.SetOperation.builder().buildIntersection();
        for (int distinct : new int[]{50, 3_000, 6_000, 20_000}) {
            List<String> queried = new ArrayList<>(), answered = new ArrayList<>();
            for (int i = 0; i < distinct; i++) queried.add("fp-" + i);
            for (int i = distinct / 2; i < distinct + distinct / 3; i++) answered.add("fp-" + i); // overlap: half of queried
            Random random = new Random(distinct);
            for (int order = 0; order < 4; order++) {
                Collections.shuffle(queried, random);
                Collections.shuffle(answered, random);
                UpdateSketch q = SourceProfile.sketch(), a = SourceProfile.sketch();
                queried.forEach(q::update);
                answered.forEach(a::update);
                CompactSketch cq = SourceProfile.canonical(q), ca = SourceProfile.canonical(a);
                org.apache.datasketches.theta.Sketch eq = SourceProfile.forEstimate(q), ea = SourceProfile.forEstimate(a);
                String what = distinct + " identifiers, order " + order;
                assertEquals(cq.getEstimate(), eq.getEstimate(), 0.0, what);
                assertEquals(cq.getRetainedEntries(true), eq.getRetainedEntries(true), what);
                double both = inter.intersect(cq, ca).getEstimate();
                assertEquals(both, inter.intersect(eq, ea, false, null).getEstimate(), 0.0, what);
                assertTrue(Math.abs(both - distinct / 2.0) / (distinct / 2.0) < 0.1, what + ": " + both);
            }
        }
    }

    /** A summary with its victims unsorted has the same estimates, entries and clone scores as the sorted one. */
    @Test
    void anUnorderedSummaryEstimatesAndComparesAlike() {
        for (int distinct : new int[]{200, 9_000}) {
            SourceProfile banned = new SourceProfile("banned"), clone = new SourceProfile("clone");
            for (int i = 0; i < distinct; i++) {
                List<String> fp = List.of("fp-" + (i * 7919 % distinct));
                banned.add(new SourceProfile.Contribution(i, 0, true, false, new byte[] {0}, fp, MinHash.empty(), 0, 0, null, null, null));
                // the clone re-posts two thirds of the banned source's identifiers
                if (i % 3 != 0) clone.add(new SourceProfile.Contribution(i, 0, true, false, new byte[] {0}, fp, MinHash.empty(), 0, 0, null, null, null));
            }
            SourceProfile.Summary sorted = clone.summary(), unsorted = clone.summary(false);
            assertTrue(sorted.victims().isOrdered());
            assertEquals(sorted.victims().getEstimate(), unsorted.victims().getEstimate(), 0.0);
            assertEquals(sorted.victims().getThetaLong(), unsorted.victims().getThetaLong());
            assertArrayEquals(CloneIndex.hashes(sorted.victims()), CloneIndex.hashes(unsorted.victims()));
            CloneIndex index = new CloneIndex();
            index.add(banned.summary().sketch("banned"));
            index.build();
            CloneIndex.Match m1 = index.query(sorted.sketch("clone"), x -> true), m2 = index.query(unsorted.sketch("clone"), x -> true);
            assertTrue(m1 != null, distinct + " identifiers: the clone is found");
            assertEquals(m1, m2, distinct + " identifiers");
        }
    }
}
