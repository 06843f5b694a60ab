package io.pdshield.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * One build's shaded bench jar loaded in a class loader of its own, so that two builds of the
 * detector run side by side in one JVM ({@link DetectorAB}, {@link DetectorDiff}).
 */
final class Build {
    final ClassLoader loader;
    private final Object detector;
    private final Method detect;

    private Build(ClassLoader loader) throws ReflectiveOperationException {
        this.loader = loader;
        Class<?> dc = loader.loadClass("io.pdshield.core.Detector");
        this.detector = dc.getMethod("standard").invoke(null);
        this.detect = dc.getMethod("detect", CharSequence.class);
    }

    static Build load(String jar) throws ReflectiveOperationException, MalformedURLException {
        return new Build(new URLClassLoader(new URL[]{new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader()));
    }

    /** This build's {@code Detector.standard().detect(text)}. */
    List<?> detect(String text) {
        try {
            return (List<?>) detect.invoke(detector, text);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message texts this build's generator makes from {@code seed} ({@link DetectorDriver#texts}). */
    List<?> texts(long seed, String mix) throws ReflectiveOperationException {
        Method m = loader.loadClass("io.pdshield.bench.DetectorDriver").getDeclaredMethod("texts", long.class, String.class);
        m.setAccessible(true);
        return (List<?>) m.invoke(null, seed, mix);
    }
}
