package io.pdshield.service.web;

import io.pdshield.core.Kind;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Charts as plain SVG shapes the templates draw (no script, no external library): stacked bars of
 * findings per day by kind, bars per week, and the clone graph. Stateless.
 */
public final class Charts {
    private Charts() {
    }

    public record Bar(double x, double y, double w, double h, String fill, String title) {
    }

    public record Label(double x, double y, String text) {
    }

    public record Legend(String kind, String fill) {
    }

    public record Chart(int width, int height, List<Bar> bars, List<Label> labels, List<Legend> legend, long max) {
        public boolean empty() {
            return bars.isEmpty();
        }
    }

    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
            "#31a354", "#756bb1", "#636363", "#a55194"};

    public static String color(Kind k) {
        return PALETTE[k.ordinal() % PALETTE.length];
    }

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM").withZone(ZoneOffset.UTC);

    /** Stacked bars: {@code counts} maps a day (Unix day number) to counts per kind; {@code days} days ending at {@code lastDay}. */
    public static Chart perDay(Map<Long, Map<Kind, Long>> counts, long lastDay, int days) {
        int width = 760, height = 220, top = 10, bottom = 30, left = 30;
        double slot = (width - left) / (double) days;
        long max = 1;
        for (Map<Kind, Long> m : counts.values()) max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
        double scale = (height - top - bottom) / (double) max;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        TreeMap<Kind, Boolean> seen = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            long day = lastDay - days + 1 + i;
            double x = left + i * slot;
            double y = height - bottom;
            Map<Kind, Long> m = counts.getOrDefault(day, Map.of());
            for (Kind k : Kind.values()) {
                long n = m.getOrDefault(k, 0L);
                if (n == 0) continue;
                double h = n * scale;
                y -= h;
                bars.add(new Bar(x + 1, y, Math.max(1, slot - 2), h, color(k), DAY.format(Instant.ofEpochSecond(day * 86400)) + " " + k + ": " + n));
                seen.put(k, true);
            }
            if (i % 5 == 0 || i == days - 1) labels.add(new Label(x, height - bottom + 16, DAY.format(Instant.ofEpochSecond(day * 86400))));
        }
        labels.add(new Label(0, top + 10, Long.toString(max)));
        List<Legend> legend = new ArrayList<>();
        for (Kind k : seen.keySet()) legend.add(new Legend(k.name(), color(k)));
        return new Chart(width, height, bars, labels, legend, max);
    }

    /** Simple bars: {@code counts} maps a week start (Unix seconds) to a count. */
    public static Chart perWeek(Map<Long, Long> counts) {
        int width = 760, height = 160, bottom = 30, left = 30;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        if (counts.isEmpty()) return new Chart(width, height, bars, labels, List.of(), 0);
        long first = ((TreeMap<Long, Long>) new TreeMap<>(counts)).firstKey(), last = new TreeMap<>(counts).lastKey();
        int weeks = (int) Math.min(104, (last - first) / 604800 + 1);
        first = last - (long) (weeks - 1) * 604800;
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        double slot = (width - left) / (double) Math.max(weeks, 8);
        double scale = (height - 10 - bottom) / (double) max;
        for (int i = 0; i < weeks; i++) {
            long w = first + (long) i * 604800;
            long n = counts.getOrDefault(w, 0L);
            double x = left + i * slot;
            if (n > 0) bars.add(new Bar(x + 1, height - bottom - n * scale, Math.max(1, slot - 2), n * scale, "#d62728",
                    "week of " + DAY.format(Instant.ofEpochSecond(w)) + ": " + n + " findings"));
            if (i % 4 == 0 || i == weeks - 1) labels.add(new Label(x, height - bottom + 16, DAY.format(Instant.ofEpochSecond(w))));
        }
        labels.add(new Label(0, 20, Long.toString(max)));
        return new Chart(width, height, bars, labels, List.of(), max);
    }

    /** A node of the clone graph. */
    public record Node(long id, String name, double x, double y, boolean current, boolean banned, String similarity) {
    }

    public record Edge(double x1, double y1, double x2, double y2) {
    }

    public record Graph(int width, int height, List<Node> nodes, List<Edge> edges) {
    }

    /** The original on the left, its clones in a column on the right, an edge from each clone to the original. */
    public static Graph clones(long originalId, String originalName, boolean originalBanned, long current,
                               List<long[]> cloneIds, List<String> cloneNames, List<Boolean> cloneBanned, List<String> similarity) {
        int rowH = 44;
        int height = Math.max(60, cloneIds.size() * rowH + 16);
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        double oy = height / 2.0 - 16;
        nodes.add(new Node(originalId, originalName, 10, oy, originalId == current, originalBanned, ""));
        for (int i = 0; i < cloneIds.size(); i++) {
            double y = 8 + i * rowH;
            long id = cloneIds.get(i)[0];
            nodes.add(new Node(id, cloneNames.get(i), 420, y, id == current, cloneBanned.get(i), similarity.get(i)));
            edges.add(new Edge(420, y + 16, 330, oy + 16));
        }
        return new Graph(760, height, nodes, edges);
    }
}
