package io.pdshield.service;

/** The service's time source; tests control it. */
public interface Clock {
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}
