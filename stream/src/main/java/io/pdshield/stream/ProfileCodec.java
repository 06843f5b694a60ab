package io.pdshield.stream;

import io.pdshield.analysis.SourceProfile;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.UpdateSketch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link SourceProfile} to bytes and back, so that it can live in Flink keyed state and in
 * checkpoints. {@code SourceProfile} keeps its counters and sketches private and has no
 * serialized form of its own; this codec writes every instance field by type (longs, arrays, the
 * Theta sketches in their updatable serialized form, the evidence lines, the weekly counts), in
 * field-name order. A field of a type it does not know fails loudly (and {@code ProfileCodecTest}
 * with it), so a change to {@code SourceProfile} cannot silently drop state. Holds nothing clear:
 * a profile keeps only counters, sketches of keyed fingerprints, a MinHash of masked texts and
 * masked evidence lines. Stateless, thread-safe.
 */
public final class ProfileCodec {
    private static final int VERSION = 1;
    private static final Field[] FIELDS;
    private static final Field ID;

    static {
        Field[] fs = Arrays.stream(SourceProfile.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .toArray(Field[]::new);
        Field id = null;
        for (Field f : fs) {
            f.setAccessible(true);
            if (f.getName().equals("id")) id = f;
            Class<?> t = f.getType();
            if (!(t == long.class || t == String.class || t == long[].class || t == int[].class
                    || t == UpdateSketch.class || t == SourceProfile.Evidence.class || t == TreeMap.class)) {
                throw new IllegalStateException("SourceProfile." + f.getName() + " has a type ProfileCodec cannot store: " + t);
            }
        }
        if (id == null) throw new IllegalStateException("SourceProfile has no id field");
        FIELDS = fs;
        ID = id;
    }

    private ProfileCodec() {
    }

    public static void write(SourceProfile p, DataOutput out) throws IOException {
        try {
            synchronized (p) {
                out.writeInt(VERSION);
                out.writeUTF(p.id());
                for (Field f : FIELDS) {
                    if (f == ID) continue;
                    Object v = f.get(p);
                    Class<?> t = f.getType();
                    if (t == long.class) {
                        out.writeLong(f.getLong(p));
                    } else if (t == long[].class) {
                        long[] a = (long[]) v;
                        out.writeInt(a.length);
                        for (long x : a) out.writeLong(x);
                    } else if (t == int[].class) {
                        int[] a = (int[]) v;
                        out.writeInt(a.length);
                        for (int x : a) out.writeInt(x);
                    } else if (t == UpdateSketch.class) {
                        byte[] b = ((UpdateSketch) v).toByteArray();
                        out.writeInt(b.length);
                        out.write(b);
                    } else if (t == SourceProfile.Evidence.class) {
                        SourceProfile.Evidence e = (SourceProfile.Evidence) v;
                        out.writeBoolean(e != null);
                        if (e != null) {
                            out.writeLong(e.message());
                            writeString(out, e.line());
                        }
                    } else if (t == TreeMap.class) {
                        @SuppressWarnings("unchecked") TreeMap<Long, long[]> m = (TreeMap<Long, long[]>) v;
                        out.writeInt(m.size());
                        for (Map.Entry<Long, long[]> e : m.entrySet()) {
                            out.writeLong(e.getKey());
                            out.writeInt(e.getValue().length);
                            for (long x : e.getValue()) out.writeLong(x);
                        }
                    } else {
                        writeString(out, (String) v);
                    }
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SourceProfile read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) throw new IOException("profile state version " + version + ", expected " + VERSION);
        SourceProfile p = new SourceProfile(in.readUTF());
        try {
            for (Field f : FIELDS) {
                if (f == ID) continue;
                Class<?> t = f.getType();
                if (t == long.class) {
                    f.setLong(p, in.readLong());
                } else if (t == long[].class) {
                    long[] a = (long[]) f.get(p);
                    int n = in.readInt();
                    if (n != a.length) throw new IOException("SourceProfile." + f.getName() + " has " + a.length + " values, state " + n);
                    for (int i = 0; i < n; i++) a[i] = in.readLong();
                } else if (t == int[].class) {
                    int[] a = (int[]) f.get(p);
                    int n = in.readInt();
                    if (n != a.length) throw new IOException("SourceProfile." + f.getName() + " has " + a.length + " values, state " + n);
                    for (int i = 0; i < n; i++) a[i] = in.readInt();
                } else if (t == UpdateSketch.class) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    f.set(p, UpdateSketch.heapify(Memory.wrap(b)));
                } else if (t == SourceProfile.Evidence.class) {
                    f.set(p, in.readBoolean() ? new SourceProfile.Evidence(in.readLong(), readString(in)) : null);
                } else if (t == TreeMap.class) {
                    @SuppressWarnings("unchecked") TreeMap<Long, long[]> m = (TreeMap<Long, long[]>) f.get(p);
                    m.clear();
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        long k = in.readLong();
                        long[] a = new long[in.readInt()];
                        for (int j = 0; j < a.length; j++) a[j] = in.readLong();
                        m.put(k, a);
                    }
                } else {
                    f.set(p, readString(in));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }

    private static String readString(DataInput in) throws IOException {
        char[] c = new char[in.readInt()];
        for (int i = 0; i < c.length; i++) c[i] = in.readChar();
        return new String(c);
    }
}
